package site

import (
	"html/template"
	"net/http"
	"slices"

	"masthead/internal/news"
	"masthead/internal/store"
)

// front is one section's block on the home page.
type front struct {
	Section news.Section
	Teasers []news.Teaser
}

type homePage struct {
	chrome
	Lead     *news.Teaser
	Top      []news.Teaser // the next stories in importance, shown with pictures beside the lead
	Latest   []news.Teaser
	Fronts   []front
	MostRead mostRead
	JSONLD   template.JS
}

// handleHome shows the lead story, the latest news and a front per section.
func (s *Site) handleHome(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	if q := r.URL.Query(); q.Has("p") || q.Has("page_id") {
		s.wordPressID(w, r, q)
		return
	}
	c, err := s.chrome(ctx, "", "/")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if tagline, err := s.store.Setting(ctx, "site.tagline", ""); err == nil && tagline != "" {
		c.Title = c.SiteName + " | " + tagline
		c.Description = tagline
	}
	pinned, err := s.store.PinnedTeasers(ctx, store.HomeFront)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	latest, err := s.store.Teasers(ctx, store.TeaserQuery{Limit: 13 + len(pinned)})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	ids := make([]int64, len(c.Sections))
	for i, sec := range c.Sections {
		ids[i] = sec.ID
	}
	fronts, err := s.store.SectionFronts(ctx, ids, 7)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	ld, err := s.homeLD(c.shared)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p := homePage{chrome: c, JSONLD: ld}
	if p.MostRead, err = s.mostRead(ctx); err != nil {
		s.fail(w, r, err)
		return
	}
	// The editors' first pin is the lead, and the pins after it top the
	// list; without pins the lead is the newest story with a picture, since
	// a front page leads with one.
	if len(pinned) > 0 {
		// The next two pins sit beside the lead, with or without a picture:
		// the editors chose them; any further pins top the list.
		p.Lead = &pinned[0]
		top := pinned[1:]
		n := min(2, len(top))
		p.Top = append(p.Top, top[:n]...)
		latest = append(top[n:len(top):len(top)], withoutTeasers(latest, pinned)...)
	} else {
		for i := range latest {
			if latest[i].LeadImage != nil {
				lead := latest[i]
				p.Lead = &lead
				latest = append(latest[:i:i], latest[i+1:]...)
				break
			}
		}
	}
	// Two more stories with pictures sit beside the lead (after any the
	// editors pinned there), so the top of the page ranks three stories
	// before the list of the latest.
	rest := latest[:0:0]
	for _, t := range latest {
		if t.LeadImage != nil && len(p.Top) < 2 {
			p.Top = append(p.Top, t)
		} else {
			rest = append(rest, t)
		}
	}
	if len(rest) > 6 {
		rest = rest[:6]
	}
	p.Latest = rest
	shown := map[int64]bool{}
	if p.Lead != nil {
		shown[p.Lead.ID] = true
	}
	for _, t := range p.Top {
		shown[t.ID] = true
	}
	listed := map[int64]bool{}
	for _, t := range p.Latest {
		listed[t.ID] = true
	}
	for _, sec := range c.Sections {
		// The stories at the top are not repeated in a section's front, nor
		// those in the latest list, unless they are all the section has (a
		// small paper's section keeps its strip).
		var list, again []news.Teaser
		for _, t := range fronts[sec.ID] {
			switch {
			case shown[t.ID]:
			case listed[t.ID]:
				again = append(again, t)
			case len(list) < 4:
				list = append(list, t)
			}
		}
		if len(list) == 0 {
			list = again[:min(len(again), 4)]
		}
		// A front shows its first story's picture alone, so it leads with
		// its newest story that has one.
		if i := slices.IndexFunc(list, func(t news.Teaser) bool { return t.LeadImage != nil }); i > 0 {
			lead := list[i]
			copy(list[1:i+1], list[:i])
			list[0] = lead
		}
		if len(list) > 0 {
			p.Fronts = append(p.Fronts, front{Section: sec, Teasers: list})
		}
	}
	s.render(w, r, http.StatusOK, "home", p)
}

// withoutTeasers returns list without the articles of drop, in order: what
// the editors pinned is not repeated in the automatic order below it.
func withoutTeasers(list, drop []news.Teaser) []news.Teaser {
	if len(drop) == 0 {
		return list
	}
	out := make([]news.Teaser, 0, len(list))
	for _, t := range list {
		if !slices.ContainsFunc(drop, func(d news.Teaser) bool { return d.ID == t.ID }) {
			out = append(out, t)
		}
	}
	return out
}
