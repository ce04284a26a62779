package wordpress_test

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"masthead/internal/auth"
	"masthead/internal/dbtest"
	"masthead/internal/media"
	"masthead/internal/news"
	"masthead/internal/server"
	"masthead/internal/site"
	"masthead/internal/store"
	"masthead/internal/wordpress"
)

var t0 = time.Date(2024, 6, 1, 12, 0, 0, 0, time.UTC)

// writeUploads makes a small wp-content/uploads folder for the fixture: the
// harbour photo (a JPEG wide enough for several renditions), the chart (a
// PNG) and a PDF; missing.jpg is missing on purpose.
func writeUploads(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "uploads")
	month := filepath.Join(dir, "2024", "05")
	if err := os.MkdirAll(month, 0o755); err != nil {
		t.Fatal(err)
	}
	img := image.NewRGBA(image.Rect(0, 0, 800, 532))
	for y := range 532 {
		for x := range 800 {
			img.Set(x, y, color.RGBA{uint8(x / 4), uint8(y / 3), 120, 255})
		}
	}
	var j, p bytes.Buffer
	if err := jpeg.Encode(&j, img, nil); err != nil {
		t.Fatal(err)
	}
	if err := png.Encode(&p, img.SubImage(image.Rect(0, 0, 64, 48))); err != nil {
		t.Fatal(err)
	}
	for name, b := range map[string][]byte{"harbour.jpg": j.Bytes(), "chart.png": p.Bytes(), "report.pdf": []byte("%PDF-1.4\n%nothing\n")} {
		if err := os.WriteFile(filepath.Join(month, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// fixture opens a testdata file for each pass.
func fixture(name string) wordpress.Source {
	return wordpress.Source{Open: func() (io.ReadCloser, error) { return os.Open(filepath.Join("testdata", name)) }}
}

// newSite imports the fixture into st with its uploads and returns the
// public site serving it, as `masthead serve` would, and the report.
func importSite(t *testing.T, st *store.Store, uploads string, files media.Storage) *wordpress.Report {
	t.Helper()
	lib := media.New(st, files, media.Options{Widths: []int{320, 640}})
	r, err := wordpress.Import(context.Background(), st, fixture("site.xml"), wordpress.Options{
		Uploads: uploads, Library: lib, DefaultSection: "General", BatchSize: 2})
	if err != nil {
		t.Fatalf("import: %v\n%s", err, r)
	}
	return r
}

func serveSite(t *testing.T, st *store.Store, files media.Storage) *httptest.Server {
	t.Helper()
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	pub, err := site.New(site.Config{BaseURL: "http://news.example", DataDir: t.TempDir(), Media: files}, st, log)
	if err != nil {
		t.Fatal(err)
	}
	srv := server.New(st, pub, log, server.Options{CacheBytes: 8 << 20})
	srv.SetReady(true)
	ts := httptest.NewServer(srv.Handler())
	t.Cleanup(ts.Close)
	return ts
}

var noFollow = &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}

func get(t *testing.T, u string) (int, string, string) {
	t.Helper()
	resp, err := noFollow.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header.Get("Location"), string(b)
}

// TestImportWordPressSite imports the hand-written export of a small news
// site with its uploads, then reads the site as readers and search engines
// would: every published post is there with its byline, section, tags,
// lead picture and date; every old address answers 301 to a page that
// answers 200; no author's e-mail shows anywhere; hostile content is
// harmless; and a second run changes nothing.
func TestImportWordPressSite(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, st *store.Store) {
		dbtest.SetClock(st, t0)
		uploads := writeUploads(t)
		files, err := media.NewDisk(filepath.Join(t.TempDir(), "media"))
		if err != nil {
			t.Fatal(err)
		}
		r := importSite(t, st, uploads, files)
		t.Logf("report:\n%s", r)
		ts := serveSite(t, st, files)
		ctx := context.Background()

		// The counts and the skips, each with its reason and WordPress ID.
		post := r.Counts["post"]
		if post == nil || post.Imported != 9 || post.Skipped != 2 {
			t.Errorf("posts = %+v, want 9 imported (4 published, draft, pending, future, private, password) and 2 skipped", post)
		}
		for _, want := range []string{"post 107 \"Binned\": in the trash", "post 108 \"Auto Draft\"", "nav_menu_item 300",
			"page 201 \"Unfinished page\": not public", "attachment 12 \"missing\": 2024/05/missing.jpg is not in the uploads folder",
			"attachment 13 \"Annual report\"", "post 109 \"Ferry timetable, second edition\": slug \"harbour-ferry-returns\" was taken: given \"harbour-ferry-returns-2\"",
			"post 109 \"Ferry timetable, second edition\": sticky", "post 106 \"Members only\": password-protected",
			"post 105 \"Private notes\": private", "post 101 \"München gewinnt den Pokal\": unknown shortcode [contact-form-7]",
			"2 comments were in the export"} {
			if !strings.Contains(r.String(), want) {
				t.Errorf("the report does not say %q", want)
			}
		}

		// Every published post, as a crawl of its page finds it.
		type want struct {
			path     string
			fragment []string
		}
		pages := []want{
			{"/news/2024/05/06/harbour-ferry-returns", []string{
				"<h1>The harbour’s ferry returns — at last…</h1>",
				`href="/author/jane">Jane Doe</a>`, `href="/author/omar-h">Omar Haddad</a>`,
				`href="/news"`, `href="/tag/ferries"`, `href="/tag/uberraschung"`, `href="/tag/harbour-news"`,
				`datetime="2024-05-06T08:30:00Z"`, "The ferry is back after two years &amp; the town is glad.",
				`alt="Boats moored in the harbour at dawn"`, "The harbour at dawn, from the north pier.", "Jane Doe/OHG",
				"AT&amp;T’s signal", "&amp;amp;", "Back at last", "Sailings a day", "Sundays — 3 sailings",
				"https://www.youtube.com/watch?v=dQw4w9WgXcQ", `href="https://ferries.example.org/times"`,
				`alt="Boats in the harbour"`, `alt="A chart of sailings"`}},
			{"/sport/2024/05/07/munchen-gewinnt", []string{"<h1>München gewinnt den Pokal</h1>", `href="/author/omar-h"`,
				"The final whistle blew at nine.<br>", "https://vimeo.com/76979871", "Styled words",
				`href="http://old.example.com/wp-content/uploads/2024/05/missing.jpg"`, "&lt;b&gt;escaped&lt;/b&gt;"}},
			{"/general/2024/05/08/harbour-ferry-returns-2", []string{"Ferry timetable, second edition", "Siobhán O’Neill"}},
			{"/sport/2024/05/09/cup-final", []string{"Two goals in extra time."}},
			{"/about", []string{"We have covered the harbour since 1998."}},
			{"/general", []string{"Ferry timetable, second edition"}},
		}
		for _, p := range pages {
			code, _, body := get(t, ts.URL+p.path)
			if code != 200 {
				t.Errorf("GET %s = %d, want 200", p.path, code)
				continue
			}
			for _, f := range p.fragment {
				if !strings.Contains(body, f) {
					t.Errorf("GET %s: the page does not show %q", p.path, f)
				}
			}
		}

		// Hostile content never reaches a page as markup.
		_, _, body := get(t, ts.URL+"/sport/2024/05/07/munchen-gewinnt")
		article := body[strings.Index(body, "<article"):]
		for _, bad := range []string{"<script>alert", "onerror", "onclick", "onload", "javascript:", `style="color`, "<iframe", "<svg"} {
			if strings.Contains(article, bad) {
				t.Errorf("the article page carries %q", bad)
			}
		}

		// What is not public stays so.
		for _, headline := range []string{"Private notes", "Members only", "A draft about tides", "Waiting for the editor", "New year at the harbour"} {
			a := findArticle(t, st, headline)
			if a.Status != news.Draft {
				t.Errorf("%q is %s, want a draft", headline, a.Status)
			}
		}
		if st, _ := st.ArticleState(ctx, findArticle(t, st, "Waiting for the editor").ID); st.SubmittedAt.IsZero() {
			t.Error("the pending post is not waiting for review")
		}
		if st, _ := st.ArticleState(ctx, findArticle(t, st, "New year at the harbour").ID); !st.PublishAt.Equal(time.Date(2099, 1, 1, 0, 0, 0, 0, time.UTC)) {
			t.Errorf("the future post is scheduled for %v", st.PublishAt)
		}

		// Upload addresses, any size of them, go to the picture's largest
		// rendition: the widest whole-picture JPEG the library made.
		var largest news.Rendition
		jpegs := 0
		assets, err := st.SearchAssets(ctx, "", 100, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, as := range assets {
			if as.Alt != "Boats moored in the harbour at dawn" {
				continue
			}
			full, err := st.Asset(ctx, as.ID)
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range full.Renditions {
				if r.Crop == "" && r.Format == "jpeg" {
					jpegs++
					if r.Width > largest.Width {
						largest = r
					}
				}
			}
		}
		if jpegs < 2 {
			t.Fatalf("the harbour photo has %d JPEG renditions, want several to tell the largest", jpegs)
		}

		// Every old address answers 301 to a page that answers 200.
		for _, old := range []struct{ path, target string }{
			{"/2024/05/06/harbour-ferry-returns/", "/news/2024/05/06/harbour-ferry-returns"},
			{"/2024/05/06/harbour-ferry-returns", "/news/2024/05/06/harbour-ferry-returns"},
			{"/2024/05/06/ferry-back/", "/news/2024/05/06/harbour-ferry-returns"},
			{"/?p=100", "/news/2024/05/06/harbour-ferry-returns"},
			{"/m%c3%bcnchen-gewinnt/", "/sport/2024/05/07/munchen-gewinnt"},
			{"/archives/109", "/general/2024/05/08/harbour-ferry-returns-2"},
			{"/sport/cup-final/", "/sport/2024/05/09/cup-final"},
			{"/about/", "/about"},
			{"/?page_id=200", "/about"},
			{"/category/news/", "/news"},
			{"/category/news/harbour-news/", "/tag/harbour-news"},
			{"/category/uncategorized/", "/general"},
			{"/category/news/feed/", "/news/feed.xml"},
			{"/tag/%c3%bcberraschung/", "/tag/uberraschung"},
			{"/author/omar.h/", "/author/omar-h"},
			{"/feed/", "/feed.xml"},
			{"/tag/ferries/feed/", "/tag/ferries/feed.xml"},
			{"/category/news/harbour-news/feed/", "/tag/harbour-news/feed.xml"},
			{"/author/jane/feed/", "/author/jane/feed.xml"},
			{"/wp-content/uploads/2024/05/harbour.jpg", largest.URL()},
			{"/wp-content/uploads/2024/05/harbour-300x200.jpg", largest.URL()},
			{"/wp-content/uploads/2024/05/harbour-150x150.jpg", largest.URL()},
		} {
			code, loc, _ := get(t, ts.URL+old.path)
			if code != http.StatusMovedPermanently {
				t.Errorf("GET %s = %d, want 301", old.path, code)
				continue
			}
			if loc != old.target {
				t.Errorf("GET %s → %q, want %q", old.path, loc, old.target)
			}
			if code, _, _ := get(t, ts.URL+loc); code != 200 {
				t.Errorf("GET %s → %s = %d, want 200", old.path, loc, code)
			}
		}
		// An old address is kept in the page cache like a page.
		resp, err := noFollow.Get(ts.URL + "/archives/109")
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusMovedPermanently || resp.Header.Get("X-Cache") != "HIT" {
			t.Errorf("GET /archives/109 again = %d, X-Cache %q; want a 301 from the cache", resp.StatusCode, resp.Header.Get("X-Cache"))
		}

		// No author's e-mail in any public byte.
		for _, p := range []string{"/", "/news", "/sport", "/general", "/author/jane", "/author/omar-h", "/author/siobhan",
			"/feed.xml", "/feed.json", "/feed.atom", "/author/jane/feed.xml", "/sitemap.xml", "/sitemaps/authors.xml",
			"/news/2024/05/06/harbour-ferry-returns", "/sport/2024/05/07/munchen-gewinnt", "/general/2024/05/08/harbour-ferry-returns-2"} {
			_, _, body := get(t, ts.URL+p)
			for _, email := range []string{"jane.doe@old.example.com", "omar@old.example.com", "siobhan@old.example.com"} {
				if strings.Contains(body, email) {
					t.Errorf("GET %s shows %s", p, email)
				}
			}
		}

		// A second run changes nothing.
		before := snapshot(t, st)
		again := importSite(t, st, uploads, files)
		if c := again.Counts["post"]; c.Imported != 0 || c.Updated != 0 || c.Unchanged != 9 {
			t.Errorf("second run: posts %+v, want all 9 unchanged", c)
		}
		if c := again.Counts["picture"]; c.Imported != 0 || c.Unchanged != 2 {
			t.Errorf("second run: pictures %+v, want 2 unchanged", c)
		}
		if c := again.Counts["redirect"]; c.Imported != 0 || c.Updated != 0 || c.Unchanged == 0 {
			t.Errorf("second run: redirects %+v, want none new or updated", c)
		}
		if after := snapshot(t, st); after != before {
			t.Errorf("second run changed the site:\nbefore %s\nafter  %s", before, after)
		}

		// A third run, after the cup final's report was corrected and the
		// München report moved to News in WordPress: the corrected post's old
		// addresses are there already with the same target (unchanged), the
		// moved one's now lead to its new address (updated), and none is new.
		export, err := os.ReadFile(filepath.Join("testdata", "site.xml"))
		if err != nil {
			t.Fatal(err)
		}
		edited := strings.Replace(string(export), "<p>Two goals in extra time.</p>", "<p>Two goals in extra time, both headers.</p>", 1)
		edited = strings.Replace(edited, `<category domain="category" nicename="sport"><![CDATA[Sport]]></category>
	</item>`, `<category domain="category" nicename="news"><![CDATA[News]]></category>
	</item>`, 1)
		if strings.Count(edited, "both headers") != 1 || strings.Count(edited, `nicename="sport"><![CDATA[Sport]]></category>`) != 1 {
			t.Fatal("the fixture no longer has the posts this part edits")
		}
		lib := media.New(st, files, media.Options{Widths: []int{320, 640}})
		third, err := wordpress.Import(ctx, st, wordpress.Source{Open: func() (io.ReadCloser, error) {
			return io.NopCloser(strings.NewReader(edited)), nil
		}}, wordpress.Options{Uploads: uploads, Library: lib, DefaultSection: "General", BatchSize: 2})
		if err != nil {
			t.Fatalf("third run: %v\n%s", err, third)
		}
		if c := third.Counts["post"]; c.Imported != 0 || c.Updated != 2 || c.Unchanged != 7 {
			t.Errorf("third run: posts %+v, want 2 updated and 7 unchanged", c)
		}
		if c := third.Counts["redirect"]; c.Imported != 0 || c.Updated == 0 || c.Unchanged == 0 {
			t.Errorf("third run: redirects %+v, want none new, the moved post's updated and the rest unchanged", c)
		}
	})
}

func findArticle(t *testing.T, st *store.Store, headline string) news.Article {
	t.Helper()
	for id := int64(1); id < 50; id++ {
		a, err := st.ArticleByID(context.Background(), id)
		if err == nil && a.Headline == headline {
			return a
		}
	}
	t.Fatalf("no article %q", headline)
	return news.Article{}
}

// snapshot is everything an import writes, counted and summed, to compare
// before and after a run.
func snapshot(t *testing.T, st *store.Store) string {
	t.Helper()
	ctx := context.Background()
	var b strings.Builder
	for id := int64(1); id < 50; id++ {
		a, err := st.ArticleByID(ctx, id)
		if err != nil {
			continue
		}
		v, _ := st.ArticleVersion(ctx, id)
		b.WriteString(a.Slug + "@" + string(a.Status) + "v" + itoa(v) + " ")
	}
	rs, err := st.Redirects(ctx, "", 1000, 0)
	if err != nil {
		t.Fatal(err)
	}
	as, _ := st.Authors(ctx)
	ss, _ := st.Sections(ctx)
	assets, _ := st.SearchAssets(ctx, "", 100, 0)
	b.WriteString("redirects=" + itoa(rs.Total) + " authors=" + itoa(len(as)) + " sections=" + itoa(len(ss)) + " pictures=" + itoa(len(assets)))
	return b.String()
}

func itoa(n int) string { return strconv.Itoa(n) }

// TestImportInvitesAuthors: with --accounts, each imported author with an
// e-mail address gets a one-time invitation as the role given, from the
// first admin; no account, and no password, is made until it is used.
func TestImportInvitesAuthors(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		r, err := wordpress.Import(ctx, st, fixture("site.xml"), wordpress.Options{})
		if err != nil {
			t.Fatal(err)
		}
		if err := wordpress.Invite(ctx, st, r, "contributor"); err == nil || !strings.Contains(err.Error(), "no admin account") {
			t.Errorf("invitations without an admin: %v", err)
		}
		admin := news.User{Email: "editor-in-chief@news.example", Name: "Chief", Role: news.RoleAdmin}
		if err := st.CreateUser(ctx, &admin, "x"); err != nil {
			t.Fatal(err)
		}
		if err := wordpress.Invite(ctx, st, r, "contributor"); err != nil {
			t.Fatal(err)
		}
		if len(r.Invitations) != 3 {
			t.Fatalf("%d invitations, want one for each of the 3 authors", len(r.Invitations))
		}
		users, _ := st.Users(ctx)
		if len(users) != 1 {
			t.Errorf("%d accounts, want only the admin until an invitation is used", len(users))
		}
		for _, inv := range r.Invitations {
			token := strings.TrimPrefix(inv.Link, "/admin/invite/")
			email, role, err := st.Invite(ctx, authTokenHash(token))
			if err != nil || email != inv.Email || role != news.RoleContributor {
				t.Errorf("invitation %s: %q %q %v", inv.Email, email, role, err)
			}
		}
	})
}
func authTokenHash(t string) string { return auth.TokenHash(t) }

// miniExport is a WXR 1.2 export of one author's posts, each given as the
// <item> fields after its title.
func miniExport(items ...string) wordpress.Source {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
	<title>Mini</title>
	<link>http://mini.example.com</link>
	<wp:wxr_version>1.2</wp:wxr_version>
	<wp:base_site_url>http://mini.example.com</wp:base_site_url>
	<wp:base_blog_url>http://mini.example.com</wp:base_blog_url>
	<wp:author><wp:author_id>1</wp:author_id><wp:author_login><![CDATA[ann]]></wp:author_login><wp:author_email><![CDATA[ann@mini.example.com]]></wp:author_email><wp:author_display_name><![CDATA[Ann Lee]]></wp:author_display_name></wp:author>
`)
	for _, it := range items {
		b.WriteString("\t<item>\n" + it + `
		<dc:creator><![CDATA[ann]]></dc:creator>
		<wp:post_date_gmt><![CDATA[2024-03-01 09:00:00]]></wp:post_date_gmt>
		<wp:status><![CDATA[publish]]></wp:status>
		<wp:post_type><![CDATA[post]]></wp:post_type>
		<category domain="category" nicename="news"><![CDATA[News]]></category>
	</item>
`)
	}
	b.WriteString("</channel>\n</rss>\n")
	export := b.String()
	return wordpress.Source{Open: func() (io.ReadCloser, error) { return io.NopCloser(strings.NewReader(export)), nil }}
}

// TestImportKeepsPostsThatDoNotFit: a post whose content cannot be kept
// whole is imported (as a draft when its body lost blocks) and reported,
// never dropped: a body longer than a body may be, an excerpt longer than
// a standfirst, a tag name longer than a tag's.
func TestImportKeepsPostsThatDoNotFit(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		dbtest.SetClock(st, t0)
		var long strings.Builder
		for i := range 2100 {
			fmt.Fprintf(&long, "<!-- wp:paragraph -->\n<p>Minute %d of the council meeting.</p>\n<!-- /wp:paragraph -->\n\n", i+1)
		}
		excerpt := strings.Repeat("The longest excerpt anyone wrote. ", 25)
		r, err := wordpress.Import(ctx, st, miniExport(
			`<title>Every minute of the meeting</title><wp:post_id>1</wp:post_id><wp:post_name>minutes</wp:post_name>
		<content:encoded><![CDATA[`+long.String()+`]]></content:encoded>`,
			`<title>A long excerpt</title><wp:post_id>2</wp:post_id><wp:post_name>long-excerpt</wp:post_name>
		<content:encoded><![CDATA[<p>Short body.</p>]]></content:encoded><excerpt:encoded><![CDATA[`+excerpt+`]]></excerpt:encoded>`,
			`<title>A long tag</title><wp:post_id>3</wp:post_id><wp:post_name>long-tag</wp:post_name>
		<content:encoded><![CDATA[<p>Tagged.</p>]]></content:encoded>
		<category domain="post_tag" nicename="a-very-long-tag"><![CDATA[`+strings.Repeat("Harbour ", 12)+`]]></category>
		<category domain="post_tag" nicename="ferries"><![CDATA[Ferries]]></category>`,
		), wordpress.Options{})
		if err != nil {
			t.Fatalf("import: %v\n%s", err, r)
		}
		if c := r.Counts["post"]; c.Imported != 3 || c.Skipped != 0 {
			t.Errorf("posts %+v, want all 3 imported\n%s", c, r)
		}
		report := r.String()
		for _, want := range []string{
			`post 1 "Every minute of the meeting": the body has 2100 blocks, more than the 2000 a body holds: the last 100 were left out and the post is imported as a draft`,
			`post 2 "A long excerpt": excerpt shortened to 500 characters`,
			`post 3 "A long tag": tag "Harbour Harbour Harbour Harbour Harbour …" left off: The tag`,
		} {
			if !strings.Contains(report, want) {
				t.Errorf("the report does not say %q:\n%s", want, report)
			}
		}
		if n := strings.Count(report, `post 1 "Every minute`); n != 1 {
			t.Errorf("the long post has %d notes, want one", n)
		}

		minutes := findArticle(t, st, "Every minute of the meeting")
		if minutes.Status != news.Draft || len(minutes.Body) != 2000 || minutes.Body[1999].Content[0].Text != "Minute 2000 of the council meeting." {
			t.Errorf("the long post is %s with %d blocks, want a draft with the first 2000", minutes.Status, len(minutes.Body))
		}
		a := findArticle(t, st, "A long excerpt")
		if a.Status != news.Published || len([]rune(a.Standfirst)) != news.MaxStandfirst || !strings.HasSuffix(a.Standfirst, "…") {
			t.Errorf("the long excerpt's post is %s with a standfirst of %d characters, want published with %d ending in …", a.Status, len([]rune(a.Standfirst)), news.MaxStandfirst)
		}
		a = findArticle(t, st, "A long tag")
		if a.Status != news.Published || len(a.Tags) != 1 || a.Tags[0].Slug != "ferries" {
			t.Errorf("the long tag's post is %s with tags %+v, want published with Ferries only", a.Status, a.Tags)
		}
	})
}
