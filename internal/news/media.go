package news

import (
	"fmt"
	"strings"
	"time"

	"masthead/internal/blocks"
)

// AssetState is how far the background worker has got with an asset's
// renditions.
type AssetState string

// The states of an asset: Pending until its renditions are made (or while a
// changed focal point has them remade), Ready after, Failed when they cannot
// be made at all.
const (
	AssetPending AssetState = "pending"
	AssetReady   AssetState = "ready"
	AssetFailed  AssetState = "failed"
)

// Asset is one picture in the media library: the original as uploaded (kept
// private) and the renditions the site serves.
type Asset struct {
	ID int64
	// Name is the uploaded file's name, for the newsroom only: it decides
	// nothing (the type comes from the bytes).
	Name string
	// Type is the original's media type, read from its bytes: image/jpeg,
	// image/png, image/webp or image/gif.
	Type  string
	Bytes int64
	// Width and Height are the picture's size upright, after its EXIF
	// orientation is applied.
	Width, Height int
	Alt           string
	Caption       string
	Credit        string
	// FocusX and FocusY (0 to 1, from the left and the top) are the point a
	// crop keeps in view.
	FocusX, FocusY float64
	State          AssetState
	Renditions     []Rendition
	CreatedAt      time.Time
}

// Rendition is one resized copy of an asset that the site serves.
type Rendition struct {
	// Crop is "" for the whole picture, or an aspect ratio such as "16x9"
	// for a crop around the focal point.
	Crop   string
	Format string // "jpeg", "webp", or "gif" for an animated GIF's animation
	Width  int
	Height int
	// Key names the file in media storage; its URL is /media/ + Key.
	Key   string
	Bytes int64
}

// URL is the rendition's public path.
func (r Rendition) URL() string { return "/media/" + r.Key }

// ValidateMeta checks and tidies the words and focal point the newsroom sets.
func (a *Asset) ValidateMeta() error {
	a.Alt = strings.TrimSpace(a.Alt)
	a.Caption = strings.TrimSpace(a.Caption)
	a.Credit = strings.TrimSpace(a.Credit)
	if err := firstError(
		tooLong("alt", "The alt text", a.Alt, MaxAlt),
		tooLong("caption", "The caption", a.Caption, MaxCaption),
		tooLong("credit", "The credit", a.Credit, MaxCredit),
	); err != nil {
		return err
	}
	if !(a.FocusX >= 0 && a.FocusX <= 1 && a.FocusY >= 0 && a.FocusY <= 1) {
		return FieldError("focus", "The focal point must lie inside the picture (0 to 1 across and down).")
	}
	return nil
}

// CardCrop is the aspect ratio of the crop index pages show as card images
// (the site's cards are 16:9).
const CardCrop = "16x9"

// Image returns the asset as a page shows it, built from its renditions: the
// whole picture in JPEG and WebP at every width (and animated GIF, for an
// animation), and a card crop. It returns nil while the asset has no
// renditions yet.
func (a Asset) Image() *Image {
	img := imageOf(a.Renditions, "")
	if img == nil {
		return nil
	}
	img.Asset = a.ID
	img.Alt, img.Caption, img.Credit = a.Alt, a.Caption, a.Credit
	if card := imageOf(a.Renditions, CardCrop); card != nil {
		img.Card = card
	}
	return img
}

// Picture returns the asset as an image block in an article's body shows
// it: the whole picture in JPEG and WebP at every width (and animated GIF,
// for an animation), with the library's words. It returns nil while the asset has no renditions yet.
func (a Asset) Picture() *blocks.Picture {
	img := imageOf(a.Renditions, "")
	if img == nil {
		return nil
	}
	p := &blocks.Picture{Width: img.Width, Height: img.Height, Alt: a.Alt, Caption: a.Caption, Credit: a.Credit}
	for _, s := range img.Sizes {
		p.JPEG = append(p.JPEG, blocks.PictureSize{URL: s.Src, Width: s.Width})
	}
	p.JPEG = append(p.JPEG, blocks.PictureSize{URL: img.Src, Width: img.Width})
	for _, s := range img.WebP {
		p.WebP = append(p.WebP, blocks.PictureSize{URL: s.Src, Width: s.Width})
	}
	for _, s := range img.Animated {
		p.GIF = append(p.GIF, blocks.PictureSize{URL: s.Src, Width: s.Width})
	}
	return p
}

// imageOf gathers the renditions of one crop into an Image whose Src is the
// widest JPEG and whose Sizes and WebP list the rest, narrowest first.
func imageOf(rs []Rendition, crop string) *Image {
	var img Image
	var widest Rendition
	for _, r := range rs {
		if r.Crop == crop && r.Format == "jpeg" && r.Width > widest.Width {
			widest = r
		}
	}
	if widest.Width == 0 {
		return nil
	}
	img.Src, img.Width, img.Height = widest.URL(), widest.Width, widest.Height
	for _, r := range rs {
		if r.Crop != crop {
			continue
		}
		switch {
		case r.Format == "webp":
			img.WebP = insertSize(img.WebP, ImageSize{Src: r.URL(), Width: r.Width})
		case r.Format == "gif":
			img.Animated = insertSize(img.Animated, ImageSize{Src: r.URL(), Width: r.Width})
		case r.Format == "jpeg" && r.Width < widest.Width:
			img.Sizes = insertSize(img.Sizes, ImageSize{Src: r.URL(), Width: r.Width})
		}
	}
	return &img
}

func insertSize(list []ImageSize, s ImageSize) []ImageSize {
	i := 0
	for i < len(list) && list[i].Width < s.Width {
		i++
	}
	list = append(list, ImageSize{})
	copy(list[i+1:], list[i:])
	list[i] = s
	return list
}

// WebPSrcset returns the srcset attribute value listing the WebP copies, or
// "" when there are none.
func (img Image) WebPSrcset() string { return srcset(img.WebP) }

// AnimatedSrcset returns the srcset attribute value listing the animated
// copies, or "" when there are none.
func (img Image) AnimatedSrcset() string { return srcset(img.Animated) }

func srcset(list []ImageSize) string {
	var b strings.Builder
	for i, s := range list {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "%s %dw", s.Src, s.Width)
	}
	return b.String()
}

// AnimatedSrc is the widest animated copy, or "" when there is none.
func (img Image) AnimatedSrc() string {
	if len(img.Animated) == 0 {
		return ""
	}
	return img.Animated[len(img.Animated)-1].Src
}

// ForCard returns the picture as an index page's card shows it: the crop made
// for cards when there is one, else the whole picture; still either way, as
// a page of moving cards would be hard to read.
func (img Image) ForCard() Image {
	if img.Card != nil {
		c := *img.Card
		c.Alt = img.Alt
		return c
	}
	img.Animated = nil
	return img
}
