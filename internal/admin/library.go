package admin

import (
	"errors"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"masthead/internal/news"
	"masthead/internal/redirect"
	"masthead/internal/store"
)

// The media library: upload pictures (several at once, by file picker or by
// dropping them, with progress), find them by their words, and give each its
// alt text, caption, credit and focal point.

// maxUploadRequest bounds one upload request of several files; each file is
// also bounded by the library's own limit.
const maxUploadRequest = 200 << 20

type libraryData struct {
	Query      string
	MissingAlt bool   // the grid shows only pictures with no alt text
	Page       int    // the grid's page, from 1
	Prev, Next string // the grid's neighbouring pages, or ""
	Assets     []news.Asset
	Results    []uploadResult
	Asset      news.Asset
	Thumb      string
	Uses       []use // where the picture is used
	HiddenUses int   // uses in articles the person may not open
}

// libraryPageSize is how many pictures one page of the grid shows.
const libraryPageSize = 48

type uploadResult struct {
	Name  string     `json:"name"`
	Error string     `json:"error,omitempty"`
	Asset news.Asset `json:"asset,omitzero"`
	err   error      // why it was not added, for the answer's status
}

// thumb is the smallest whole-picture rendition, or "" while they are made.
func thumb(a news.Asset) string {
	best := ""
	w := 0
	for _, r := range a.Renditions {
		if r.Crop == "" && r.Format == "jpeg" && (w == 0 || r.Width < w) {
			best, w = r.URL(), r.Width
		}
	}
	return best
}

func (a *Admin) libraryPage(w http.ResponseWriter, r *http.Request, u *news.User) {
	if strings.Contains(r.Header.Get("Accept"), "application/json") {
		a.librarySearch(w, r)
		return
	}
	a.renderLibrary(w, r, u, http.StatusOK, page{})
}

// pickable is a picture as the editor's picker lists it.
type pickable struct {
	ID      int64  `json:"id"`
	Alt     string `json:"alt"`
	Caption string `json:"caption"`
	Credit  string `json:"credit"`
	Name    string `json:"name"`
	Width   int    `json:"width"`
	Height  int    `json:"height"`
	Thumb   string `json:"thumb"` // "" while the renditions are made
}

// librarySearch answers the editor's picker: the library page's search, as
// JSON.
func (a *Admin) librarySearch(w http.ResponseWriter, r *http.Request) {
	assets, err := a.store.SearchAssets(r.Context(), strings.TrimSpace(r.URL.Query().Get("q")), 24, 0)
	if err != nil {
		a.apiFail(w, r, err)
		return
	}
	out := struct {
		Assets []pickable `json:"assets"`
	}{Assets: []pickable{}}
	for _, as := range assets {
		out.Assets = append(out.Assets, pickable{ID: as.ID, Alt: as.Alt, Caption: as.Caption, Credit: as.Credit,
			Name: as.Name, Width: as.Width, Height: as.Height, Thumb: thumb(as)})
	}
	writeJSON(w, http.StatusOK, out)
}

func (a *Admin) renderLibrary(w http.ResponseWriter, r *http.Request, u *news.User, status int, p page) {
	q := strings.TrimSpace(r.URL.Query().Get("q"))
	missing := r.URL.Query().Get("alt") == "missing"
	n, err := strconv.Atoi(r.URL.Query().Get("page"))
	if err != nil || n < 1 || n > 100_000 {
		n = 1
	}
	assets, err := a.store.FindAssets(r.Context(), store.AssetQuery{Words: q, MissingAlt: missing,
		Limit: libraryPageSize + 1, Offset: (n - 1) * libraryPageSize})
	if err != nil {
		a.serverError(w, r, err)
		return
	}
	d, _ := p.Data.(libraryData)
	d.Query, d.MissingAlt, d.Page = q, missing, n
	if n > 1 {
		d.Prev = libraryURL(q, missing, n-1)
	}
	if len(assets) > libraryPageSize {
		assets, d.Next = assets[:libraryPageSize], libraryURL(q, missing, n+1)
	}
	d.Assets = assets
	p.Title, p.User, p.Data = "Media library", u, d
	a.render(w, r, status, "library", p)
}

// libraryURL is the address of a page of the library grid.
func libraryURL(q string, missingAlt bool, page int) string {
	v := url.Values{}
	if q != "" {
		v.Set("q", q)
	}
	if missingAlt {
		v.Set("alt", "missing")
	}
	if page > 1 {
		v.Set("page", strconv.Itoa(page))
	}
	if len(v) == 0 {
		return "/admin/media"
	}
	return "/admin/media?" + v.Encode()
}

// upload takes one or more files from a multipart form. Each file is
// checked and stored on its own: a refused one says why and stops none of
// the others. The editor and the library page ask for JSON; a form sent
// without script gets the page back with the results.
func (a *Admin) upload(w http.ResponseWriter, r *http.Request, u *news.User) {
	if a.cfg.Media == nil {
		a.notFound(w, r)
		return
	}
	wantJSON := strings.Contains(r.Header.Get("Accept"), "application/json")
	fail := func(status int, msg string) {
		if wantJSON {
			writeJSON(w, status, apiError{Error: msg})
			return
		}
		a.renderLibrary(w, r, u, status, page{Error: msg})
	}
	r.Body = http.MaxBytesReader(w, r.Body, maxUploadRequest)
	reader, err := r.MultipartReader()
	if err != nil {
		fail(http.StatusBadRequest, "Send the pictures as a file upload (multipart/form-data).")
		return
	}
	var results []uploadResult
	for {
		part, err := reader.NextPart()
		if errors.Is(err, io.EOF) {
			break
		}
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			fail(http.StatusRequestEntityTooLarge, "That upload is larger than 200 MB in all; send fewer pictures at a time. Nothing after the limit was added.")
			return
		}
		if err != nil {
			fail(http.StatusBadRequest, "The upload was cut short or malformed; nothing after the break was added.")
			return
		}
		if part.FormName() != "files" || part.FileName() == "" {
			part.Close()
			continue
		}
		results = append(results, a.ingest(r, u, part))
	}
	if len(results) == 0 {
		fail(http.StatusBadRequest, "Choose at least one picture to upload.")
		return
	}
	status := http.StatusOK
	var failed int
	var unavailable error
	for _, res := range results {
		if res.Error != "" {
			failed++
		}
		if news.ErrorCode(res.err) == news.EUNAVAILABLE {
			unavailable = res.err
		}
	}
	switch {
	case unavailable != nil:
		// The disk or the database cannot take pictures now; those not
		// added can be sent again once it can.
		status = news.HTTPStatus(unavailable)
		w.Header().Set("Retry-After", strconv.Itoa(news.RetryAfter))
	case failed == len(results):
		// Each file was refused on its own (the results say why); the
		// upload as a whole is refused input.
		status = news.HTTPStatus(news.Errorf(news.EINVALID, "no picture was added"))
	}
	if wantJSON {
		writeJSON(w, status, map[string]any{"results": results})
		return
	}
	a.renderLibrary(w, r, u, status, page{Data: libraryData{Results: results}})
}

func (a *Admin) ingest(r *http.Request, u *news.User, part *multipart.Part) uploadResult {
	defer part.Close()
	res := uploadResult{Name: part.FileName()}
	asset, err := a.cfg.Media.Ingest(r.Context(), part, part.FileName())
	if err != nil {
		res.err = err
		switch news.ErrorCode(err) {
		case news.EINTERNAL:
			a.log.Error("upload", "name", part.FileName(), "err", err)
		case news.EUNAVAILABLE:
			a.log.Warn("upload: cannot save", "name", part.FileName(), "err", err)
			res.Error = "The server cannot save pictures right now, so " + part.FileName() + " was not added. Try again in a minute."
			return res
		}
		res.Error = news.ErrorMessage(err)
		return res
	}
	res.Asset = asset
	a.audit(r, news.AuditEntry{UserID: u.ID, Email: u.Email, Action: "media.upload", Subject: "asset:" + strconv.FormatInt(asset.ID, 10), Detail: asset.Name})
	return res
}

func (a *Admin) assetID(w http.ResponseWriter, r *http.Request) (news.Asset, bool) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		a.notFound(w, r)
		return news.Asset{}, false
	}
	asset, err := a.store.Asset(r.Context(), id)
	if err != nil {
		u, _ := a.signedIn(r)
		a.failPage(w, r, u, "", err)
		return asset, false
	}
	return asset, true
}

func (a *Admin) assetPage(w http.ResponseWriter, r *http.Request, u *news.User) {
	asset, ok := a.assetID(w, r)
	if !ok {
		return
	}
	a.renderAsset(w, r, u, http.StatusOK, asset, page{})
}

// renderAsset shows a picture's page: its words, where it is used, and the
// forms to replace its file or delete it.
func (a *Admin) renderAsset(w http.ResponseWriter, r *http.Request, u *news.User, status int, asset news.Asset, p page) {
	uses, hidden, err := a.pictureUses(r, u, asset.ID)
	if err != nil {
		a.serverError(w, r, err)
		return
	}
	p.Title, p.User = "Picture: "+asset.Name, u
	p.Data = libraryData{Asset: asset, Thumb: largest(asset), Uses: uses, HiddenUses: hidden}
	a.render(w, r, status, "asset", p)
}

// largest is the widest whole-picture JPEG, for the focal point picker.
func largest(a news.Asset) string {
	best, w := "", 0
	for _, r := range a.Renditions {
		if r.Crop == "" && r.Format == "jpeg" && r.Width > w && r.Width <= 1280 {
			best, w = r.URL(), r.Width
		}
	}
	return best
}

// saveAsset keeps a picture's alt text, caption, credit and focal point.
// A call asking for JSON (the API's) gets the picture or a problem document
// back instead of the page.
func (a *Admin) saveAsset(w http.ResponseWriter, r *http.Request, u *news.User) {
	wantJSON := strings.Contains(r.Header.Get("Accept"), "application/json")
	if wantJSON {
		id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
		if err == nil {
			_, err = a.store.Asset(r.Context(), id)
		}
		var numErr *strconv.NumError
		if errors.As(err, &numErr) || news.ErrorCode(err) == news.ENOTFOUND {
			err = notFoundf("There is no such picture.")
		}
		if err != nil {
			a.apiFail(w, r, err)
			return
		}
	}
	asset, ok := a.assetID(w, r)
	if !ok {
		return
	}
	asset.Alt, asset.Caption, asset.Credit = r.PostFormValue("alt"), r.PostFormValue("caption"), r.PostFormValue("credit")
	errs := map[string]string{}
	for _, f := range []struct {
		name string
		into *float64
	}{{"focus_x", &asset.FocusX}, {"focus_y", &asset.FocusY}} {
		v, err := strconv.ParseFloat(strings.TrimSpace(r.PostFormValue(f.name)), 64)
		if err != nil || v < 0 || v > 1 {
			errs[f.name] = "Give a number from 0 to 1."
			continue
		}
		*f.into = v
	}
	if len(errs) == 0 {
		uses, err := a.pictureRights(r, u, asset.ID)
		if err != nil {
			a.serverError(w, r, err)
			return
		}
		if uses.refused != "" && wantJSON {
			writeJSON(w, http.StatusForbidden, apiError{Error: "This picture is on published work you may not change (“" + uses.refused + "”), so its words stay as they are."})
			return
		}
		if uses.refused != "" {
			a.render(w, r, http.StatusForbidden, "error", page{Title: "Not allowed", User: u,
				Message: "This picture is on published work you may not change (“" + uses.refused + "”), so its words stay as they are. Ask an editor."})
			return
		}
		if uses.n > 0 && strings.TrimSpace(asset.Alt) == "" {
			errs["alt"] = fmt.Sprintf("This picture is on %d published page(s), so it must keep its alt text: describe it for readers who cannot see it.", uses.n)
		}
	}
	if len(errs) == 0 {
		err := a.store.UpdateAsset(r.Context(), &asset)
		if news.ErrorCode(err) == news.EINVALID {
			errs = fieldErrors(err)
		} else if err != nil {
			a.serverError(w, r, err)
			return
		}
	}
	if len(errs) > 0 {
		var refused error // the first field at fault, as the form lists them
		for _, f := range []string{"alt", "caption", "credit", "focus_x", "focus_y", "form"} {
			if msg, ok := errs[f]; ok {
				refused = news.FieldError(f, "%s", msg)
				break
			}
		}
		for f, msg := range errs {
			if refused == nil {
				refused = news.FieldError(f, "%s", msg)
			}
		}
		if wantJSON {
			a.apiFail(w, r, refused)
			return
		}
		a.renderAsset(w, r, u, news.HTTPStatus(refused), asset, page{Errors: errs})
		return
	}
	a.cfg.Media.Wake()
	a.audit(r, news.AuditEntry{UserID: u.ID, Email: u.Email, Action: "media.save", Subject: "asset:" + strconv.FormatInt(asset.ID, 10), Detail: asset.Alt})
	asset, _ = a.store.Asset(r.Context(), asset.ID)
	if wantJSON {
		writeJSON(w, http.StatusOK, asset)
		return
	}
	a.renderAsset(w, r, u, http.StatusOK, asset, page{Message: "Saved."})
}

// picturePreview shows staff a picture at a size the editor can show: the whole
// picture's rendition nearest 640 pixels wide, or the original while the
// renditions are being made.
func (a *Admin) picturePreview(w http.ResponseWriter, r *http.Request, u *news.User) {
	asset, ok := a.assetID(w, r)
	if !ok {
		return
	}
	best, bw := "", 0
	for _, rd := range asset.Renditions {
		if rd.Crop != "" || rd.Format != "jpeg" {
			continue
		}
		if bw == 0 || bw < 640 && rd.Width > bw || rd.Width >= 640 && rd.Width < bw {
			best, bw = rd.URL(), rd.Width
		}
	}
	if best == "" {
		best = "/admin/media/" + strconv.FormatInt(asset.ID, 10) + "/original"
	}
	// The answer changes when the renditions are made: not for keeping.
	w.Header().Set("Cache-Control", "private, no-cache")
	redirect.To(w, r, best, http.StatusFound)
}

// original serves the file as uploaded, to staff only: it may still carry
// the camera's location, which no public page ever does.
func (a *Admin) original(w http.ResponseWriter, r *http.Request, u *news.User) {
	asset, ok := a.assetID(w, r)
	if !ok || a.cfg.Media == nil {
		return
	}
	key, err := a.store.AssetOriginalKey(r.Context(), asset.ID)
	if err != nil {
		a.serverError(w, r, err)
		return
	}
	obj, err := a.cfg.Media.Files().Open(r.Context(), key)
	if err != nil {
		a.notFound(w, r)
		return
	}
	defer obj.Close()
	w.Header().Set("Content-Type", asset.Type)
	w.Header().Set("Content-Disposition", `attachment; filename="`+strings.ReplaceAll(asset.Name, `"`, "")+`"`)
	http.ServeContent(w, r, "", obj.ModTime(), obj)
}
