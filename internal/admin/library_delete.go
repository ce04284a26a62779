package admin

import (
	"errors"
	"net/http"
	"strconv"

	"masthead/internal/news"
	"masthead/internal/store"
)

// Deleting a picture: refused while anything uses it (the picture's page
// names each use), otherwise asked first, then the picture, its original
// and its renditions are removed, and the deletion is audited.

func (a *Admin) deleteAssetForm(w http.ResponseWriter, r *http.Request, u *news.User) {
	asset, ok := a.assetID(w, r)
	if !ok {
		return
	}
	if a.refuseDeleteInUse(w, r, u, asset) {
		return
	}
	a.render(w, r, http.StatusOK, "asset_delete", page{Title: "Delete picture " + strconv.FormatInt(asset.ID, 10) + "?", User: u,
		Data: libraryData{Asset: asset, Thumb: thumb(asset)}})
}

func (a *Admin) deleteAsset(w http.ResponseWriter, r *http.Request, u *news.User) {
	asset, ok := a.assetID(w, r)
	if !ok || a.cfg.Media == nil {
		return
	}
	if r.PostFormValue("confirm") != "yes" {
		a.deleteAssetForm(w, r, u)
		return
	}
	err := a.cfg.Media.Delete(r.Context(), asset.ID)
	var inUse *store.InUseError
	switch {
	case errors.As(err, &inUse):
		a.refuseDeleteInUse(w, r, u, asset)
		return
	case err != nil:
		a.failPage(w, r, u, "", err)
		return
	}
	a.audit(r, news.AuditEntry{UserID: u.ID, Email: u.Email, Action: "media.delete", Subject: "asset:" + strconv.FormatInt(asset.ID, 10), Detail: asset.Name})
	a.renderLibrary(w, r, u, http.StatusOK, page{Message: "Deleted picture " + strconv.FormatInt(asset.ID, 10) + " (" + asset.Name + ") and its files."})
}

// refuseDeleteInUse answers 409 with the picture's page, which lists its
// uses, when the picture is used anywhere.
func (a *Admin) refuseDeleteInUse(w http.ResponseWriter, r *http.Request, u *news.User, asset news.Asset) bool {
	uses, err := a.store.AssetUses(r.Context(), asset.ID)
	if err != nil {
		a.serverError(w, r, err)
		return true
	}
	if len(uses) == 0 {
		return false
	}
	err = &store.InUseError{Asset: asset.ID, Uses: uses}
	a.renderAsset(w, r, u, news.HTTPStatus(err), asset, page{Error: news.ErrorMessage(err)})
	return true
}
