package site_test

import (
	"regexp"
	"strings"
	"testing"

	"masthead/internal/dbtest"
	"masthead/internal/store"
)

var (
	articleLink   = regexp.MustCompile(`href="/[a-z-]+/\d{4}/\d{2}/\d{2}/([a-z0-9-]+)"`)
	bylinePhoto   = regexp.MustCompile(`<img class="byline-photo" src="(/media/[^"]+)" srcset="[^"]+" sizes="[^"]+" width="\d+" height="\d+" alt="" loading="lazy" decoding="async">`)
	opinionStrip  = regexp.MustCompile(`(?s)<section class="front front-opinion".*?</section>`)
	articleByline = regexp.MustCompile(`(?s)<p class="byline">.*?</p>`)
	// teaserPicture is a story's picture on a front, not a byline's portrait.
	teaserPicture = regexp.MustCompile(`<img (?:class="(?:teaser-image)" )?src="(/media/[^"]+)"`)
)

// TestDemoPaper loads the demo paper on each database and reads it as a
// reader would, over HTTP: no two stories on the home page or on a section
// front come from the same headline template, and the opinion pages (the
// home page's opinion strip, the section front and a column) show each
// columnist's name with their photo, from the media library. No front shows
// one picture for two stories, nor one standfirst under two stories.
func TestDemoPaper(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, st *store.Store) {
		base, g := demoServerOn(t, st)
		template := map[string]string{} // by slug
		for i := 0; i < g.Count(); i++ {
			template[g.Article(i).Slug] = g.Template(i)
		}

		fronts := []string{"/"}
		for _, s := range g.Sections() {
			fronts = append(fronts, s.URL())
		}
		t.Run("no page repeats a headline template", func(t *testing.T) {
			for _, path := range fronts {
				_, body := fetch(t, base+path)
				seen := map[string]string{}
				stories := 0
				for _, m := range articleLink.FindAllStringSubmatch(string(body), -1) {
					slug := m[1]
					tpl, ok := template[slug]
					if !ok {
						t.Fatalf("%s links to %s, which the generator did not write", path, slug)
					}
					if other, ok := seen[tpl]; ok && other != slug {
						t.Errorf("%s shows %q and %q, both from the template %s", path, other, slug, tpl)
					}
					if _, ok := seen[tpl]; !ok {
						stories++
					}
					seen[tpl] = slug
				}
				if stories < 20 {
					t.Errorf("%s shows %d stories, want 20 or more to compare", path, stories)
				}
			}
		})

		t.Run("no front shows a picture twice", func(t *testing.T) {
			for _, path := range fronts {
				_, body := fetch(t, base+path)
				seen := map[string]bool{}
				for _, m := range teaserPicture.FindAllStringSubmatch(string(body), -1) {
					if seen[m[1]] {
						t.Errorf("%s shows the picture %s twice", path, m[1])
					}
					seen[m[1]] = true
				}
				if len(seen) < 5 {
					t.Errorf("%s shows %d pictures, want 5 or more to compare", path, len(seen))
				}
			}
		})

		t.Run("no front repeats a standfirst", func(t *testing.T) {
			standfirst := map[string]string{} // every story's standfirst, by slug
			for i := 0; i < g.Count(); i++ {
				a := g.Article(i)
				standfirst[a.Slug] = a.Standfirst
			}
			for _, path := range fronts {
				_, body := fetch(t, base+path)
				seen := map[string]string{}
				for _, m := range articleLink.FindAllStringSubmatch(string(body), -1) {
					sf, ok := standfirst[m[1]]
					if !ok {
						t.Fatalf("%s links to %s, which the generator did not write", path, m[1])
					}
					if other, ok := seen[sf]; ok && other != m[1] {
						t.Errorf("%s shows %q and %q, which share the standfirst %q", path, other, m[1], sf)
					}
					seen[sf] = m[1]
				}
				if len(seen) < 20 {
					t.Errorf("%s shows %d stories' standfirsts, want 20 or more to compare", path, len(seen))
				}
			}
		})

		t.Run("columnists have their photos", func(t *testing.T) {
			var columnists []string
			for _, a := range g.Authors() {
				if strings.Contains(a.Bio, "column") {
					columnists = append(columnists, a.Name)
				}
			}
			if len(columnists) < 3 {
				t.Fatalf("the demo has %d columnists, want 3 or more", len(columnists))
			}
			_, home := fetch(t, base+"/")
			strip := opinionStrip.Find(home)
			if strip == nil || !bylinePhoto.Match(strip) {
				t.Errorf("the home page's opinion strip shows no columnist's photo:\n%s", strip)
			}
			_, front := fetch(t, base+"/opinion")
			photos := bylinePhoto.FindAllSubmatch(front, -1)
			if len(photos) < 10 {
				t.Errorf("the opinion front shows %d columnists' photos, want one per column", len(photos))
			}
			named := 0
			for _, name := range columnists {
				if strings.Contains(string(front), `<span class="by">`+name+`</span>`) {
					named++
				}
			}
			if named < 3 {
				t.Errorf("the opinion front names %d columnists beside their photos, want 3", named)
			}
			for _, p := range photos[:1] {
				if code, b := fetch(t, base+string(p[1])); code != 200 || len(b) < 500 {
					t.Errorf("photo %s: %d, %d bytes", p[1], code, len(b))
				}
			}
			m := articleLink.FindSubmatch(front[strings.Index(string(front), "index-list"):])
			if m == nil {
				t.Fatal("the opinion front links to no column")
			}
			_, column := fetch(t, base+string(m[0][len(`href="`):len(m[0])-1]))
			byline := articleByline.Find(column)
			if !bylinePhoto.Match(byline) {
				t.Errorf("a column's byline shows no photo: %s", byline)
			}
			found := false
			for _, name := range columnists {
				found = found || strings.Contains(string(byline), ">"+name+"</a>")
			}
			if !found {
				t.Errorf("a column's byline names no columnist: %s", byline)
			}
		})
	})
}
