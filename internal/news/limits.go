package news

import (
	"strings"
	"unicode/utf8"

	"masthead/internal/blocks"
)

// Length limits of the text fields, in characters. Each is generous for what
// the field holds and small enough that no field can swell every page that
// shows it (a section name is in the navigation of every page).
const (
	MaxSectionName        = 80
	MaxSectionDescription = 500
	MaxAuthorName         = 120
	MaxAuthorBio          = 2000
	MaxTagName            = 60
	MaxHeadline           = 200
	MaxStandfirst         = 500
	MaxPageTitle          = 200
	MaxAlt                = 500
	MaxCaption            = 2000
	MaxCredit             = 200
	MaxSourceName         = 200
	MaxSourceNote         = 500
	MaxNoteText           = 2000
	MaxUserName           = 120
	MaxEmail              = 254
)

// tooLong returns an EINVALID error naming field when s has more than max
// characters; what says what the field is, for the message.
func tooLong(field, what, s string, max int) error {
	if n := utf8.RuneCountInString(s); n > max {
		return FieldError(field, "%s is %d characters long; the limit is %d.", what, n, max)
	}
	return nil
}

// firstError returns the first non-nil error.
func firstError(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// Validate checks a picture's words and addresses; field names it in the
// errors (lead_image, social_image, photo). Every address is a path under
// /media/ on this site or an https URL, as for pictures in the body: no
// javascript:, data: or other scheme reaches a page, a feed or the API.
func (img *Image) Validate(field string) error {
	if err := firstError(
		tooLong(field, "The alt text", img.Alt, MaxAlt),
		tooLong(field, "The caption", img.Caption, MaxCaption),
		tooLong(field, "The credit", img.Credit, MaxCredit),
	); err != nil {
		return err
	}
	if img.Src != "" && !blocks.SafeImageSrc(img.Src) {
		return FieldError(field, "The picture's address %.80q is neither a picture from the media library nor an https address.", img.Src)
	}
	for _, list := range [][]ImageSize{img.Sizes, img.WebP, img.Animated} {
		for _, s := range list {
			if !blocks.SafeImageSrc(s.Src) {
				return FieldError(field, "A size of the picture has the address %.80q, which is neither a picture from the media library nor an https address.", s.Src)
			}
		}
	}
	if img.Card != nil {
		return img.Card.Validate(field)
	}
	return nil
}

// Validate checks a tag's name, and makes its slug from it when it has none.
func (t *Tag) Validate() error {
	t.Name = strings.TrimSpace(t.Name)
	if t.Slug == "" {
		t.Slug = Slugify(t.Name)
	}
	if t.Name == "" || t.Slug == "" {
		return FieldError("name", "A tag needs a name made of letters or digits.")
	}
	if err := tooLong("name", "The tag “"+truncate(t.Name, 40)+"…”", t.Name, MaxTagName); err != nil {
		return err
	}
	return validateSlug(t.Slug)
}

// truncate returns at most n characters of s.
func truncate(s string, n int) string {
	for i := range s {
		if n == 0 {
			return s[:i]
		}
		n--
	}
	return s
}
