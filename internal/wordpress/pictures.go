package wordpress

import (
	"context"
	"fmt"
	"html"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"

	"masthead/internal/news"
	"masthead/internal/store"
)

// pictureIndex finds the library picture of an attachment by its
// WordPress ID or by the path of any of its files under uploads.
type pictureIndex struct {
	byID    map[int64]Picture
	byPath  map[string]Picture
	byAsset map[int64]Picture
	// files are each picture's old upload paths, for redirects once its
	// renditions exist.
	files map[int64][]string
}

func newPictureIndex() *pictureIndex {
	return &pictureIndex{byID: map[int64]Picture{}, byPath: map[string]Picture{}, byAsset: map[int64]Picture{}, files: map[int64][]string{}}
}

func (x *pictureIndex) add(id int64, p Picture, files []string) {
	x.byID[id] = p
	x.byAsset[p.Asset] = p
	for _, f := range files {
		x.byPath[f] = p
	}
	x.files[p.Asset] = append(x.files[p.Asset], files...)
}

// ByID returns the picture an attachment became.
func (x *pictureIndex) ByID(id int64) (Picture, bool) {
	p, ok := x.byID[id]
	return p, ok && id != 0
}

// sizeSuffix is WordPress's name for a resized copy (photo-300x200.jpg) or
// a big picture's scaled-down main file (photo-scaled.jpg).
var sizeSuffix = regexp.MustCompile(`-(?:\d+x\d+|scaled|rotated)(\.[A-Za-z0-9]+)$`)

// ByURL returns the picture of an upload address, any size of it.
func (x *pictureIndex) ByURL(src string) (Picture, bool) {
	rel := uploadPath(src)
	if rel == "" {
		return Picture{}, false
	}
	if p, ok := x.byPath[rel]; ok {
		return p, true
	}
	p, ok := x.byPath[sizeSuffix.ReplaceAllString(rel, "$1")]
	return p, ok
}

// uploadPath is an upload address's path under wp-content/uploads
// ("2020/01/photo.jpg"), decoded, or "".
func uploadPath(src string) string {
	u, err := url.Parse(strings.TrimSpace(src))
	if err != nil {
		return ""
	}
	const marker = "/wp-content/uploads/"
	i := strings.Index(u.Path, marker)
	if i < 0 {
		return ""
	}
	return u.Path[i+len(marker):]
}

// attachment takes a picture into the media library from the uploads
// folder: type-checked from its bytes, stripped of EXIF and location data,
// with renditions made by the library. Its alt text and caption (the
// attachment's excerpt) go with it.
func (im *importer) attachment(ctx context.Context, it *Item) error {
	c := im.report.count("picture")
	title := html.UnescapeString(it.Title)
	rel := strings.TrimPrefix(it.MetaValue("_wp_attached_file"), "/")
	if rel == "" {
		rel = uploadPath(it.URL)
	}
	main, sizes, credit := attachmentFiles(it.MetaValue("_wp_attachment_metadata"))
	files := append([]string{rel}, sizes...)
	if main != "" && main != rel {
		files = append(files, main)
	}
	alt := strings.TrimSpace(it.MetaValue("_wp_attachment_image_alt"))
	caption := strings.TrimSpace(htmlText(it.Excerpt))
	pic := Picture{Alt: alt, Caption: caption}
	if im.opt.DryRun {
		if _, err := im.uploadFile(rel); err != nil {
			im.report.skip("attachment", it.ID, title, "%s", err.Error())
			return nil
		}
		pic.Asset = im.fake()
		im.pics.add(it.ID, pic, files)
		c.Imported++
		return nil
	}
	known, err := im.knownPictures(ctx)
	if err != nil {
		return err
	}
	if k, ok := known[it.ID]; ok {
		if a, err := im.st.Asset(ctx, k.TargetID); err == nil {
			pic.Asset = a.ID
			hash := hashOf([]string{alt, caption, credit})
			if hash != k.Hash {
				a.Alt, a.Caption, a.Credit = alt, caption, credit
				if err := im.st.UpdateAsset(ctx, &a); err != nil {
					return err
				}
				if err := im.st.SaveWordPressItem(ctx, im.siteKey, "attachment", store.WordPressItem{WPID: it.ID, GUID: it.GUID, TargetID: a.ID, Hash: hash}); err != nil {
					return err
				}
				c.Updated++
			} else {
				c.Unchanged++
			}
			im.pics.add(it.ID, pic, files)
			return nil
		}
	}
	if im.opt.Library == nil {
		im.report.skip("attachment", it.ID, title, "no media library to take pictures")
		return nil
	}
	file, err := im.uploadFile(rel)
	if err != nil {
		im.report.skip("attachment", it.ID, title, "%s", err.Error())
		return nil
	}
	f, err := os.Open(file)
	if err != nil {
		im.report.skip("attachment", it.ID, title, "cannot open %s: %v", rel, err)
		return nil
	}
	a, err := im.opt.Library.Ingest(ctx, f, path.Base(rel))
	f.Close()
	if news.ErrorCode(err) == news.EINVALID {
		im.report.skip("attachment", it.ID, title, "%s", news.ErrorMessage(err))
		return nil
	}
	if err != nil {
		return err
	}
	a.Alt, a.Caption, a.Credit = alt, caption, strings.TrimSpace(credit)
	if err := im.st.UpdateAsset(ctx, &a); err != nil {
		return err
	}
	pic.Asset = a.ID
	im.pics.add(it.ID, pic, files)
	c.Imported++
	return im.st.SaveWordPressItem(ctx, im.siteKey, "attachment", store.WordPressItem{WPID: it.ID, GUID: it.GUID, TargetID: a.ID,
		Hash: hashOf([]string{alt, caption, credit})})
}

// knownPictures reads once what earlier runs made of the attachments.
func (im *importer) knownPictures(ctx context.Context) (map[int64]store.WordPressItem, error) {
	if im.knownPics == nil {
		m, err := im.st.WordPressItems(ctx, im.siteKey, "attachment")
		if err != nil {
			return nil, err
		}
		im.knownPics = m
	}
	return im.knownPics, nil
}

// uploadFile is the file of an upload path in the uploads folder, which
// must exist; a path that would leave the folder is refused.
func (im *importer) uploadFile(rel string) (string, error) {
	if im.opt.Uploads == "" {
		return "", fmt.Errorf("no --uploads folder given: the picture links to its old address")
	}
	clean := path.Clean("/" + rel)
	if rel == "" || strings.Contains(rel, "..") || clean == "/" {
		return "", fmt.Errorf("the attachment has no file under uploads")
	}
	file := filepath.Join(im.opt.Uploads, filepath.FromSlash(clean))
	st, err := os.Stat(file)
	if err != nil || !st.Mode().IsRegular() {
		return "", fmt.Errorf("%s is not in the uploads folder: the picture links to its old address", rel)
	}
	return file, nil
}

// finishPictures makes the renditions of the pictures taken (so they can
// be shown and their old addresses sent to the largest) and queues a
// redirect from every old file of each to it.
func (im *importer) finishPictures(ctx context.Context) error {
	if im.opt.DryRun || im.opt.Library == nil || len(im.pics.files) == 0 {
		return nil
	}
	if _, err := im.opt.Library.ProcessPending(ctx); err != nil {
		return err
	}
	for asset, files := range im.pics.files {
		a, err := im.st.Asset(ctx, asset)
		if err != nil || a.State != news.AssetReady {
			continue
		}
		img := a.Image()
		if img == nil || img.Src == "" {
			continue
		}
		for _, f := range files {
			im.addRedirect("/wp-content/uploads/"+f, img.Src)
		}
	}
	return nil
}

// htmlText is the text of a bit of HTML (an excerpt, a caption), with its
// entities decoded once and its spaces collapsed.
func htmlText(s string) string {
	if !strings.ContainsAny(s, "<&") {
		return strings.TrimSpace(collapseSpace(s))
	}
	var c Converter
	var b strings.Builder
	for _, bl := range c.Convert(s).Doc {
		for _, r := range bl.Content {
			b.WriteString(r.Text)
		}
		for _, item := range bl.Items {
			for _, r := range item {
				b.WriteString(r.Text)
			}
			b.WriteString(" ")
		}
		b.WriteString(" ")
	}
	return strings.TrimSpace(collapseSpace(b.String()))
}
