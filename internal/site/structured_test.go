package site_test

import (
	"encoding/json"
	"regexp"
	"strings"
	"testing"

	"masthead/internal/dbtest"
	"masthead/internal/store"
)

var ldPattern = regexp.MustCompile(`(?s)<script type="application/ld\+json">(.*?)</script>`)

func TestArticleStructuredDataAndSharingMeta(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, st *store.Store) {
		ts, _ := newsroom(t, st)
		path := "/world/2026/11/20/russias-court-rules-on-the-cranes-at-last"
		_, body := fetch(t, ts.URL+path)
		page := string(body)
		m := ldPattern.FindStringSubmatch(page)
		if m == nil {
			t.Fatal("no JSON-LD on the article page")
		}
		var ld []map[string]any
		if err := json.Unmarshal([]byte(m[1]), &ld); err != nil {
			t.Fatalf("JSON-LD does not parse: %v\n%s", err, m[1])
		}
		if len(ld) != 2 {
			t.Fatalf("JSON-LD holds %d objects, want NewsArticle and BreadcrumbList", len(ld))
		}
		a := ld[0]
		canonical := "http://news.example" + path
		checks := map[string]any{
			"@type":         "NewsArticle",
			"headline":      "Russia’s court rules on the “cranes” — at last…",
			"description":   "Standfirst of Russia’s court rules on the “cranes” — at last…",
			"datePublished": "2026-11-20T12:30:00Z",
			// The fixture's second save keeps the article's UpdatedAt.
			"dateModified":   "2026-11-20T12:30:00Z",
			"articleSection": "World",
		}
		for k, want := range checks {
			if a[k] != want {
				t.Errorf("NewsArticle %s = %v, want %v", k, a[k], want)
			}
		}
		if got := a["mainEntityOfPage"].(map[string]any)["@id"]; got != canonical {
			t.Errorf("mainEntityOfPage = %v", got)
		}
		authors := a["author"].([]any)
		if len(authors) != 2 || authors[0].(map[string]any)["name"] != "Ana Ortiz" ||
			authors[0].(map[string]any)["url"] != "http://news.example/author/ana-ortiz" ||
			authors[0].(map[string]any)["@type"] != "Person" {
			t.Errorf("authors = %v", authors)
		}
		if img := a["image"].([]any); len(img) == 0 || img[0] != "http://news.example/media/demo/x.jpg" {
			t.Errorf("image = %v", a["image"])
		}
		pub := a["publisher"].(map[string]any)
		if pub["name"] != "The Test Courier" || pub["logo"].(map[string]any)["url"] == "" {
			t.Errorf("publisher = %v", pub)
		}
		if kw := a["keywords"].([]any); len(kw) != 2 {
			t.Errorf("keywords = %v", kw)
		}
		corr := a["correction"].([]any)
		if len(corr) != 1 || corr[0].(map[string]any)["text"] != "We misnamed the judge." {
			t.Errorf("correction = %v", corr)
		}
		crumbs := ld[1]["itemListElement"].([]any)
		if ld[1]["@type"] != "BreadcrumbList" || len(crumbs) != 3 ||
			crumbs[1].(map[string]any)["item"] != "http://news.example/world" {
			t.Errorf("breadcrumbs = %v", ld[1])
		}
		for _, want := range []string{
			`<meta property="og:type" content="article">`,
			`<meta property="og:url" content="` + canonical + `">`,
			`<meta property="article:published_time" content="2026-11-20T12:30:00Z">`,
			`<meta property="article:author" content="http://news.example/author/ben-adeyemi">`,
			`<meta property="article:section" content="World">`,
			`<meta property="article:tag" content="Harbour">`,
			`<meta name="twitter:card" content="summary_large_image">`,
			`<meta property="og:image:alt" content="Cranes at dusk">`,
		} {
			if !strings.Contains(page, want) {
				t.Errorf("article page lacks %s", want)
			}
		}
		if strings.Contains(page, "secret@") {
			t.Error("structured data leaks an e-mail address")
		}
	})
}

func TestFrontPageStructuredData(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, st *store.Store) {
		ts, _ := newsroom(t, st)
		_, body := fetch(t, ts.URL+"/")
		m := ldPattern.FindStringSubmatch(string(body))
		if m == nil {
			t.Fatal("no JSON-LD on the front page")
		}
		var ld []map[string]any
		if err := json.Unmarshal([]byte(m[1]), &ld); err != nil {
			t.Fatal(err)
		}
		if len(ld) != 2 || ld[0]["@type"] != "Organization" || ld[0]["name"] != "The Test Courier" ||
			ld[1]["@type"] != "WebSite" || ld[1]["url"] != "http://news.example/" {
			t.Errorf("front page JSON-LD = %v", ld)
		}
	})
}
