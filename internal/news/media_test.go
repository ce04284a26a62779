package news

import (
	"reflect"
	"strings"
	"testing"

	"masthead/internal/blocks"
)

func TestLeadImageAltBeforePublishing(t *testing.T) {
	a := Article{Headline: "Cranes", Section: Section{ID: 1}, Authors: []Author{{ID: 1, Name: "Ana"}},
		LeadImage: &Image{Asset: 7}}
	a.Status = Draft
	if err := a.Validate(); err != nil {
		t.Errorf("a draft whose picture has no alt text yet: %v", err)
	}
	a.Status = Published
	if err := a.Validate(); ErrorCode(err) != EINVALID || !strings.Contains(ErrorMessage(err), "alt text") {
		t.Errorf("published without alt text: %v", err)
	}
	a.LeadImage.Alt = "Two cranes"
	if err := a.Validate(); err != nil {
		t.Errorf("published with alt text: %v", err)
	}
	a.LeadImage = &Image{Alt: "Nothing to show"}
	if err := a.Validate(); ErrorCode(err) != EINVALID {
		t.Errorf("a lead image with neither a file nor an asset: %v", err)
	}
}

func TestAssetImage(t *testing.T) {
	a := Asset{ID: 3, Alt: "Cranes", Renditions: []Rendition{
		{Format: "webp", Width: 640, Height: 360, Key: "r/b-640.webp"},
		{Format: "jpeg", Width: 640, Height: 360, Key: "r/a-640.jpg"},
		{Format: "jpeg", Width: 320, Height: 180, Key: "r/c-320.jpg"},
		{Format: "webp", Width: 320, Height: 180, Key: "r/d-320.webp"},
		{Crop: CardCrop, Format: "jpeg", Width: 320, Height: 180, Key: "r/e-320.jpg"},
	}}
	img := a.Image()
	if img.Src != "/media/r/a-640.jpg" || img.Width != 640 || img.Height != 360 || img.Alt != "Cranes" || img.Asset != 3 {
		t.Errorf("image %+v", img)
	}
	if got := img.Srcset(); got != "/media/r/c-320.jpg 320w, /media/r/a-640.jpg 640w" {
		t.Errorf("srcset %q", got)
	}
	if got := img.WebPSrcset(); got != "/media/r/d-320.webp 320w, /media/r/b-640.webp 640w" {
		t.Errorf("WebP srcset %q", got)
	}
	if card := img.ForCard(); card.Src != "/media/r/e-320.jpg" || card.Alt != "Cranes" {
		t.Errorf("card %+v", card)
	}
	if img.Animated != nil || img.AnimatedSrcset() != "" || img.AnimatedSrc() != "" {
		t.Errorf("a still picture has animated copies: %+v", img.Animated)
	}
	if (Asset{ID: 4}).Image() != nil {
		t.Error("an asset without renditions gave an image")
	}
	p := a.Picture()
	want := blocks.Picture{Width: 640, Height: 360, Alt: "Cranes",
		JPEG: []blocks.PictureSize{{URL: "/media/r/c-320.jpg", Width: 320}, {URL: "/media/r/a-640.jpg", Width: 640}},
		WebP: []blocks.PictureSize{{URL: "/media/r/d-320.webp", Width: 320}, {URL: "/media/r/b-640.webp", Width: 640}}}
	if !reflect.DeepEqual(*p, want) {
		t.Errorf("picture %+v, want %+v", *p, want)
	}
	if (Asset{ID: 4}).Picture() != nil {
		t.Error("an asset without renditions gave a picture")
	}
	// An animated GIF: animated copies beside the still ones; cards stay still.
	a.Renditions = append(a.Renditions,
		Rendition{Format: "gif", Width: 400, Height: 225, Key: "r/f-400.gif"},
		Rendition{Format: "gif", Width: 320, Height: 180, Key: "r/g-320.gif"})
	img = a.Image()
	if img.Src != "/media/r/a-640.jpg" || img.Srcset() != "/media/r/c-320.jpg 320w, /media/r/a-640.jpg 640w" {
		t.Errorf("the still copies of an animation changed: %+v", img)
	}
	if got := img.AnimatedSrcset(); got != "/media/r/g-320.gif 320w, /media/r/f-400.gif 400w" || img.AnimatedSrc() != "/media/r/f-400.gif" {
		t.Errorf("animated srcset %q, src %q", got, img.AnimatedSrc())
	}
	if card := img.ForCard(); card.Animated != nil {
		t.Errorf("a card moves: %+v", card)
	}
	img.Card = nil
	if card := img.ForCard(); card.Animated != nil || card.Src != "/media/r/a-640.jpg" || img.Animated == nil {
		t.Errorf("a card without a crop moves, or the picture stopped: %+v", card)
	}
	bad := Asset{FocusX: 1.2}
	if err := bad.ValidateMeta(); ErrorCode(err) != EINVALID {
		t.Errorf("focus outside the picture: %v", err)
	}
}
