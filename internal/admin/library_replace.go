package admin

import (
	"errors"
	"io"
	"net/http"
	"strconv"

	"masthead/internal/news"
)

// replaceAsset gives a picture a new file and keeps its number, words and
// focal point: every page that shows it shows the new file once its sizes
// are made. The person needs the right to change every piece of published
// work that shows the picture, as for its words.
func (a *Admin) replaceAsset(w http.ResponseWriter, r *http.Request, u *news.User) {
	asset, ok := a.assetID(w, r)
	if !ok || a.cfg.Media == nil {
		return
	}
	fail := func(status int, msg string) {
		a.renderAsset(w, r, u, status, asset, page{Errors: map[string]string{"file": msg}})
	}
	rights, err := a.pictureRights(r, u, asset.ID)
	if err != nil {
		a.serverError(w, r, err)
		return
	}
	if rights.refused != "" {
		a.render(w, r, http.StatusForbidden, "error", page{Title: "Not allowed", User: u,
			Message: "This picture is on published work you may not change (“" + rights.refused + "”), so its file stays as it is. Ask an editor."})
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, maxUploadRequest)
	reader, err := r.MultipartReader()
	if err != nil {
		fail(http.StatusBadRequest, "Send the new picture as a file upload (multipart/form-data).")
		return
	}
	for {
		part, err := reader.NextPart()
		var tooBig *http.MaxBytesError
		switch {
		case errors.Is(err, io.EOF):
			fail(http.StatusUnprocessableEntity, "Choose the picture that replaces this one.")
			return
		case errors.As(err, &tooBig):
			fail(http.StatusRequestEntityTooLarge, "That file is larger than 200 MB, so it was not taken. Nothing was changed.")
			return
		case err != nil:
			fail(http.StatusBadRequest, "The upload was cut short or malformed, so nothing was changed.")
			return
		}
		if part.FormName() != "file" || part.FileName() == "" {
			part.Close()
			continue
		}
		replaced, err := a.cfg.Media.Replace(r.Context(), asset.ID, part, part.FileName())
		part.Close()
		switch news.ErrorCode(err) {
		case "":
		case news.EINVALID:
			fail(news.HTTPStatus(err), news.ErrorMessage(err)+" The picture keeps its file.")
			return
		case news.EUNAVAILABLE:
			w.Header().Set("Retry-After", strconv.Itoa(news.RetryAfter))
			fail(news.HTTPStatus(err), "The server cannot save pictures right now, so the file was not replaced. Try again in a minute.")
			return
		default:
			a.failPage(w, r, u, "", err)
			return
		}
		a.audit(r, news.AuditEntry{UserID: u.ID, Email: u.Email, Action: "media.replace", Subject: "asset:" + strconv.FormatInt(asset.ID, 10), Detail: replaced.Name})
		a.renderAsset(w, r, u, http.StatusOK, replaced, page{Message: "Replaced the file with " + replaced.Name + ". Its sizes are being made again; until they are, pages show the old picture."})
		return
	}
}
