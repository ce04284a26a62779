package wordpress_test

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"masthead/internal/dbtest"
	"masthead/internal/store"
	"masthead/internal/wordpress"
)

// writeExport writes a WXR export of a news site with n posts and no
// pictures, as WordPress writes one: 12 authors, 8 sections with 3 child
// categories each, 300 tags, block content of about 600 words a post.
func writeExport(w io.Writer, n int) error {
	b := bufio.NewWriterSize(w, 1<<16)
	fmt.Fprint(b, `<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:wfw="http://wellformedweb.org/CommentAPI/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
	<title>Generated Gazette</title>
	<link>http://gen.example.com</link>
	<wp:wxr_version>1.2</wp:wxr_version>
	<wp:base_site_url>http://gen.example.com</wp:base_site_url>
	<wp:base_blog_url>http://gen.example.com</wp:base_blog_url>
`)
	for i := range 12 {
		fmt.Fprintf(b, "\t<wp:author><wp:author_id>%d</wp:author_id><wp:author_login><![CDATA[writer%d]]></wp:author_login><wp:author_email><![CDATA[writer%d@gen.example.com]]></wp:author_email><wp:author_display_name><![CDATA[Writer Number %d]]></wp:author_display_name></wp:author>\n", i+1, i, i, i)
	}
	for s := range 8 {
		fmt.Fprintf(b, "\t<wp:category><wp:term_id>%d</wp:term_id><wp:category_nicename><![CDATA[section-%d]]></wp:category_nicename><wp:category_parent><![CDATA[]]></wp:category_parent><wp:cat_name><![CDATA[Section %d]]></wp:cat_name></wp:category>\n", 100+s, s, s)
		for c := range 3 {
			fmt.Fprintf(b, "\t<wp:category><wp:term_id>%d</wp:term_id><wp:category_nicename><![CDATA[topic-%d-%d]]></wp:category_nicename><wp:category_parent><![CDATA[section-%d]]></wp:category_parent><wp:cat_name><![CDATA[Topic %d %d]]></wp:cat_name></wp:category>\n", 200+s*3+c, s, c, s, s, c)
		}
	}
	words := []string{"harbour", "council", "budget", "ferry", "school", "election", "storm", "market", "river", "festival",
		"hospital", "bridge", "court", "police", "mayor", "housing", "rail", "museum", "fishing", "tourism"}
	for i := range n {
		id := 1000 + i
		day := 1 + i%28
		month := 1 + (i/28)%12
		year := 2010 + (i/336)%15
		slug := "story-" + strconv.Itoa(id) + "-" + words[i%len(words)]
		fmt.Fprintf(b, `	<item>
		<title><![CDATA[The %s&#8217;s %s plan, part %d]]></title>
		<link>http://gen.example.com/%04d/%02d/%02d/%s/</link>
		<dc:creator><![CDATA[writer%d]]></dc:creator>
		<guid isPermaLink="false">http://gen.example.com/?p=%d</guid>
		<content:encoded><![CDATA[`, words[i%len(words)], words[(i*7)%len(words)], i, year, month, day, slug, i%12, id)
		for p := range 12 {
			fmt.Fprintf(b, "<!-- wp:paragraph -->\n<p>The %s and the %s met on %s, and “nothing,” said one, “was decided” &#8212; not the %s, not the <strong>%s</strong>, not even the <a href=\"https://example.org/%d\">%s</a>. Paragraph %d of the story about the %s, with more words to make it long enough to read like news.</p>\n<!-- /wp:paragraph -->\n\n",
				words[(i+p)%len(words)], words[(i+2*p)%len(words)], words[(i+3)%len(words)], words[p%len(words)], words[(p+5)%len(words)], p, words[(i+p+9)%len(words)], p, words[i%len(words)])
			if p == 5 {
				fmt.Fprintf(b, "<!-- wp:heading -->\n<h2 class=\"wp-block-heading\">What the %s means</h2>\n<!-- /wp:heading -->\n\n", words[i%len(words)])
			}
		}
		s := i % 8
		fmt.Fprintf(b, `]]></content:encoded>
		<excerpt:encoded><![CDATA[A standfirst about the %s.]]></excerpt:encoded>
		<wp:post_id>%d</wp:post_id>
		<wp:post_date><![CDATA[%04d-%02d-%02d 10:00:00]]></wp:post_date>
		<wp:post_date_gmt><![CDATA[%04d-%02d-%02d 09:00:00]]></wp:post_date_gmt>
		<wp:post_name><![CDATA[%s]]></wp:post_name>
		<wp:status><![CDATA[publish]]></wp:status>
		<wp:post_type><![CDATA[post]]></wp:post_type>
		<wp:post_password><![CDATA[]]></wp:post_password>
		<wp:is_sticky>0</wp:is_sticky>
		<category domain="category" nicename="topic-%d-%d"><![CDATA[Topic %d %d]]></category>
		<category domain="post_tag" nicename="tag-%d"><![CDATA[Tag %d]]></category>
		<category domain="post_tag" nicename="tag-%d"><![CDATA[Tag %d]]></category>
		<wp:postmeta><wp:meta_key><![CDATA[_edit_last]]></wp:meta_key><wp:meta_value><![CDATA[1]]></wp:meta_value></wp:postmeta>
	</item>
`, words[i%len(words)], id, year, month, day, year, month, day, slug, s, i%3, s, i%3, i%300, i%300, (i*13)%300, (i*13)%300)
	}
	fmt.Fprint(b, "</channel>\n</rss>\n")
	return b.Flush()
}

// BenchmarkImport10000 imports a generated export of 10,000 posts without
// pictures, once per iteration, into a fresh database: SQLite, and
// PostgreSQL when it answers (docs/performance.md has the figures).
func BenchmarkImport10000(b *testing.B) {
	file := filepath.Join(b.TempDir(), "export.xml")
	f, err := os.Create(file)
	if err != nil {
		b.Fatal(err)
	}
	if err := writeExport(f, benchPosts()); err != nil {
		b.Fatal(err)
	}
	f.Close()
	info, _ := os.Stat(file)
	src := wordpress.Source{Size: info.Size(), Open: func() (io.ReadCloser, error) { return os.Open(file) }}
	for _, engine := range []struct {
		name string
		open func(testing.TB) *store.Store
	}{{"sqlite", dbtest.SQLite}, {"postgres", dbtest.Postgres}} {
		b.Run(engine.name, func(b *testing.B) {
			for b.Loop() {
				b.StopTimer()
				st := engine.open(b)
				b.StartTimer()
				r, err := wordpress.Import(context.Background(), st, src, wordpress.Options{})
				if err != nil {
					b.Fatal(err)
				}
				if c := r.Counts["post"]; c.Imported != benchPosts() {
					b.Fatalf("imported %d posts", c.Imported)
				}
			}
		})
	}
}

// TestWriteExport writes a generated export for measuring the command
// (`/usr/bin/time -v masthead import wordpress FILE`) when
// MASTHEAD_WXR_OUT names the file; MASTHEAD_WXR_POSTS sets its size.
func TestWriteExport(t *testing.T) {
	out := os.Getenv("MASTHEAD_WXR_OUT")
	if out == "" {
		t.Skip("set MASTHEAD_WXR_OUT to write a generated export")
	}
	n, _ := strconv.Atoi(os.Getenv("MASTHEAD_WXR_POSTS"))
	if n <= 0 {
		n = 10000
	}
	f, err := os.Create(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := writeExport(f, n); err != nil {
		t.Fatal(err)
	}
}

// benchPosts is the size of the benchmark's export: 10,000, or
// MASTHEAD_BENCH_POSTS for a quicker look.
func benchPosts() int {
	if n, _ := strconv.Atoi(os.Getenv("MASTHEAD_BENCH_POSTS")); n > 0 {
		return n
	}
	return 10000
}
