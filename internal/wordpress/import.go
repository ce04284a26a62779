package wordpress

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/url"
	"time"

	"masthead/internal/media"
	"masthead/internal/news"
	"masthead/internal/store"
)

// Options say how to import.
type Options struct {
	// Uploads is a local copy of the site's wp-content/uploads folder;
	// empty when there is none (every picture then links to its old address).
	Uploads string
	// DryRun reads and converts everything and reports what an import
	// would do, saving nothing.
	DryRun bool
	// DefaultSection renames WordPress's "Uncategorized" category.
	DefaultSection string
	// Library takes the pictures; nil leaves them out (as if missing).
	Library *media.Library
	// BatchSize is how many new posts are saved per transaction (500).
	BatchSize int
	// Progress, when set, hears how far the reading has got.
	Progress func(Progress)
}

// Progress is how far an import has got: the pass (1 reads authors, terms
// and pictures, 2 the posts and pages) and the bytes of the file read.
type Progress struct {
	Pass        int
	Bytes, Size int64
	Items       int
}

// Source opens the export again for each pass; size is its length in
// bytes, for progress (0 when unknown).
type Source struct {
	Open func() (io.ReadCloser, error)
	Size int64
}

// Import reads a WordPress export and saves what it holds in st. It reads
// the file twice, each time as a stream: first the authors, categories and
// attachments (a post names its featured picture by ID, and WordPress
// exports pictures after the posts that use them), then the posts and
// pages. Every item is keyed on the site and its WordPress ID, so a second
// run updates what changed and leaves the rest; new posts are saved in
// batches, so a failure keeps the batches before it. The report is returned
// with the error too, for what was done before it.
func Import(ctx context.Context, st *store.Store, src Source, opt Options) (*Report, error) {
	if opt.BatchSize <= 0 {
		opt.BatchSize = 500
	}
	im := &importer{st: st, opt: opt, report: newReport(), start: time.Now()}
	im.report.DryRun = opt.DryRun
	im.init()
	err := im.pass(ctx, src, 1, Handler{
		Site:   im.onSite,
		Author: func(a Author) error { return im.author(ctx, a) },
		Term:   im.term,
		Item: func(it *Item) error {
			if it.Type == "attachment" {
				return im.attachment(ctx, it)
			}
			return nil
		},
	})
	if err == nil {
		err = im.finishPictures(ctx)
	}
	if err == nil {
		err = im.pass(ctx, src, 2, Handler{Item: func(it *Item) error { return im.item(ctx, it) }})
	}
	if err == nil {
		err = im.flush(ctx)
	}
	if err == nil {
		err = im.finish(ctx)
	}
	for _, a := range im.authors {
		im.report.authors = append(im.report.authors, a)
	}
	im.report.Duration = time.Since(im.start)
	return im.report, err
}

// pass reads the whole file once with h.
func (im *importer) pass(ctx context.Context, src Source, n int, h Handler) error {
	f, err := src.Open()
	if err != nil {
		return err
	}
	defer f.Close()
	cr := &countingReader{r: f}
	items := 0
	last := time.Time{}
	inner := h.Item
	h.Item = func(it *Item) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		items++
		if im.opt.Progress != nil && time.Since(last) > 100*time.Millisecond {
			last = time.Now()
			im.opt.Progress(Progress{Pass: n, Bytes: cr.n, Size: src.Size, Items: items})
		}
		if inner == nil {
			return nil
		}
		return inner(it)
	}
	if err := Read(cr, h); err != nil {
		var fe *FormatError
		if errors.As(err, &fe) {
			return fmt.Errorf("the export cannot be read: %w", err)
		}
		return err
	}
	if im.opt.Progress != nil {
		im.opt.Progress(Progress{Pass: n, Bytes: cr.n, Size: src.Size, Items: items})
	}
	return nil
}

type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// importer is one import run's state.
type importer struct {
	st     *store.Store
	opt    Options
	report *Report
	start  time.Time

	site    Site
	siteKey string // the site's base URL: what its WordPress IDs are unique within
	base    *url.URL

	authors    map[string]news.Author // by login
	categories map[string]Term        // by (encoded) slug
	sections   map[string]news.Section
	pics       *pictureIndex
	fakeID     int64 // IDs handed out in a dry run

	posts     map[int64]store.WordPressItem
	pages     map[int64]store.WordPressItem
	batch     []store.ImportedArticle
	batchLine []int
	slugs     map[string]bool // article slugs this run has given
	redirects []news.Redirect
	redirSeen map[string]bool
	knownPics map[int64]store.WordPressItem
}

func (im *importer) init() {
	im.authors = map[string]news.Author{}
	im.categories = map[string]Term{}
	im.sections = map[string]news.Section{}
	im.pics = newPictureIndex()
	im.slugs = map[string]bool{}
	im.redirSeen = map[string]bool{}
}

func (im *importer) onSite(s Site) error {
	if im.siteKey != "" {
		return nil // the second pass sees the same channel
	}
	im.site, im.report.Site = s, s
	im.siteKey = s.BaseSiteURL
	if im.siteKey == "" {
		im.siteKey = s.Link
	}
	blog := s.BaseBlogURL
	if blog == "" {
		blog = s.Link
	}
	if u, err := url.Parse(blog + "/"); err == nil && u.Host != "" {
		im.base = u
	}
	return nil
}

// fake returns a stand-in ID for something a dry run does not save.
func (im *importer) fake() int64 {
	im.fakeID++
	return im.fakeID
}

// addRedirect queues a redirect from an old address (a full URL or a path)
// to a path of this site; it is saved when the run ends.
func (im *importer) addRedirect(old, target string) {
	p := oldPath(old)
	if p == "" || p == target || im.redirSeen[p] {
		return
	}
	r := news.Redirect{Path: p, Target: target, Origin: news.RedirectFromWordPress}
	if r.Validate() != nil {
		return
	}
	im.redirSeen[p] = true
	im.redirects = append(im.redirects, r)
}

// finish saves the redirects made along the way (those of posts and pages
// are saved with them) and brings the planner's statistics up to date.
func (im *importer) finish(ctx context.Context) error {
	im.siteRedirects()
	c := im.report.count("redirect")
	if im.opt.DryRun {
		c.Imported += len(im.redirects)
		return nil
	}
	// Counted as the store found them, so a run again reports the
	// archives', feeds' and uploads' addresses unchanged, not new.
	rc, err := im.st.ImportRedirects(ctx, im.redirects)
	if err != nil {
		return err
	}
	im.countRedirects(rc)
	im.redirects = nil
	return im.st.Analyze(ctx)
}

// siteRedirects are the old site-wide addresses: its feeds.
func (im *importer) siteRedirects() {
	for _, p := range []string{"/feed", "/feed/rss2", "/feed/rss", "/rss", "/comments/feed"} {
		im.addRedirect(p, "/feed.xml")
	}
	im.addRedirect("/feed/atom", "/feed.atom")
}
