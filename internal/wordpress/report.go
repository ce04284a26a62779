package wordpress

import (
	"fmt"
	"io"
	"sort"
	"strings"
	"time"

	"masthead/internal/news"
)

// Count is what happened to the items of one kind.
type Count struct {
	Imported  int // new in Masthead
	Updated   int // changed since an earlier import, saved again
	Unchanged int // imported before and the same: left alone
	Skipped   int // not imported; each is in Report.Skipped
}

// Entry is one item the report names: a skip, or a note on something that
// was imported differently than it was in WordPress.
type Entry struct {
	Kind   string // post, page, attachment, author, category, tag
	WPID   int64
	Title  string
	Reason string
}

// Report is what an import did.
type Report struct {
	Site     Site
	DryRun   bool
	Counts   map[string]*Count // by kind: author, section, post, page, picture, redirect
	Skipped  []Entry
	Notes    []Entry
	Comments int // comments seen: Masthead publishes none
	Duration time.Duration
	// Invitations are the sign-in invitations --accounts made.
	Invitations []Invitation
	authors     []news.Author // the byline profiles the export's authors became
}

func newReport() *Report { return &Report{Counts: map[string]*Count{}} }

func (r *Report) count(kind string) *Count {
	c := r.Counts[kind]
	if c == nil {
		c = &Count{}
		r.Counts[kind] = c
	}
	return c
}

func (r *Report) skip(kind string, id int64, title, format string, args ...any) {
	counted := kind
	if kind == "attachment" {
		counted = "picture" // what an attachment would have become
	}
	r.count(counted).Skipped++
	r.Skipped = append(r.Skipped, Entry{Kind: kind, WPID: id, Title: title, Reason: fmt.Sprintf(format, args...)})
}

func (r *Report) note(kind string, id int64, title, format string, args ...any) {
	r.Notes = append(r.Notes, Entry{Kind: kind, WPID: id, Title: title, Reason: fmt.Sprintf(format, args...)})
}

// reportOrder lists the kinds in the order a person reads them.
var reportOrder = []string{"author", "section", "post", "page", "picture", "redirect"}

// Write prints the report as plain text: the counts, then every skipped
// item and every note, each with its WordPress ID.
func (r *Report) Write(w io.Writer) {
	verb := "Imported"
	if r.DryRun {
		verb = "Dry run (nothing was saved): would import"
	}
	fmt.Fprintf(w, "%s from %s (WXR %s) in %s\n\n", verb, orDash(r.Site.BaseBlogURL), r.Site.Version, r.Duration.Round(time.Millisecond))
	fmt.Fprintf(w, "%-16s %9s %9s %9s %9s\n", "", "new", "updated", "unchanged", "skipped")
	kinds := append([]string(nil), reportOrder...)
	for k := range r.Counts {
		if !contains(kinds, k) {
			kinds = append(kinds, k)
		}
	}
	for _, k := range kinds {
		c := r.Counts[k]
		if c == nil {
			continue
		}
		fmt.Fprintf(w, "%-16s %9d %9d %9d %9d\n", k+"s", c.Imported, c.Updated, c.Unchanged, c.Skipped)
	}
	if r.Comments > 0 {
		fmt.Fprintf(w, "\n%d comments were in the export; Masthead has no comments, so none were imported or published.\n", r.Comments)
	}
	if len(r.Invitations) > 0 {
		fmt.Fprintf(w, "\nInvitations to sign in (one-time links, valid 72 hours; add the site's address in front):\n")
		for _, inv := range r.Invitations {
			fmt.Fprintf(w, "  %s  %s\n", inv.Email, inv.Link)
		}
	}
	for _, part := range []struct {
		title string
		list  []Entry
	}{{"Skipped", r.Skipped}, {"Notes", r.Notes}} {
		if len(part.list) == 0 {
			continue
		}
		fmt.Fprintf(w, "\n%s (%d):\n", part.title, len(part.list))
		list := append([]Entry(nil), part.list...)
		sort.SliceStable(list, func(i, j int) bool {
			if list[i].Kind != list[j].Kind {
				return list[i].Kind < list[j].Kind
			}
			return list[i].WPID < list[j].WPID
		})
		for _, e := range list {
			title := ""
			if e.Title != "" {
				title = fmt.Sprintf(" %q", shorten(e.Title))
			}
			fmt.Fprintf(w, "  %s %d%s: %s\n", e.Kind, e.WPID, title, e.Reason)
		}
	}
}

// String is the report as Write prints it.
func (r *Report) String() string {
	var b strings.Builder
	r.Write(&b)
	return b.String()
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}
