package admin

import (
	"net/http"
	"strconv"
	"strings"

	"masthead/internal/news"
)

// An author's photo is a picture from the media library: the profile keeps
// its number (as an article keeps its lead picture's), and the public pages
// show its current renditions, so a replaced file or better alt text
// reaches the author page too.

// authorPhoto sets the author's photo from the form's picture number. An
// empty field removes a library photo; a photo given by address (kept from
// before photos came from the library) stays until a library picture is
// chosen or "remove" is ticked.
func (a *Admin) authorPhoto(r *http.Request, au *news.Author) error {
	field := strings.TrimSpace(r.PostFormValue("photo"))
	if field == "" {
		if au.Photo != nil && (au.Photo.Asset != 0 || r.PostFormValue("photo_remove") == "yes") {
			au.Photo = nil
		}
		return nil
	}
	id, err := strconv.ParseInt(strings.TrimPrefix(field, "#"), 10, 64)
	if err != nil || id <= 0 {
		return news.FieldError("photo", "Give the number of a picture in the media library (such as 12), or leave it empty for no photo.")
	}
	pic, err := a.store.Asset(r.Context(), id)
	if news.ErrorCode(err) == news.ENOTFOUND {
		return news.FieldError("photo", "There is no picture %d in the media library.", id)
	}
	if err != nil {
		return err
	}
	if strings.TrimSpace(pic.Alt) == "" {
		return news.FieldError("photo", "Picture %d has no alt text yet: describe it in the media library first, for readers who cannot see it.", id)
	}
	au.Photo = &news.Image{Asset: id}
	return nil
}
