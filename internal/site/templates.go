package site

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"path"
	"sort"
	"strings"
	"sync"
)

//go:embed templates static
var embedded embed.FS

// templates holds one template set per page: the layout and partials with the
// page's own file, so each page can define the layout's blocks its own way.
type templates struct {
	files fs.FS
	funcs template.FuncMap
	dev   bool
	mu    sync.RWMutex
	pages map[string]*template.Template
	// shared is the layout and partials alone, for fragments rendered on
	// their own (Site.fragment).
	shared *template.Template
}

func loadTemplates(files fs.FS, funcs template.FuncMap, dev bool) (*templates, error) {
	t := &templates{files: files, funcs: funcs, dev: dev}
	return t, t.parse()
}

func (t *templates) parse() error {
	names, err := fs.Glob(t.files, "templates/pages/*.html")
	if err != nil {
		return err
	}
	shared, err := template.New("").Funcs(t.funcs).ParseFS(t.files, "templates/layout.html", "templates/partials/*.html")
	if err != nil {
		return fmt.Errorf("site: templates: %w", err)
	}
	pages := map[string]*template.Template{}
	for _, name := range names {
		tmpl, err := template.New("").Funcs(t.funcs).ParseFS(t.files, "templates/layout.html", "templates/partials/*.html", name)
		if err != nil {
			return fmt.Errorf("site: template %s: %w", name, err)
		}
		pages[strings.TrimSuffix(path.Base(name), ".html")] = tmpl
	}
	t.mu.Lock()
	t.pages, t.shared = pages, shared
	t.mu.Unlock()
	return nil
}

func (t *templates) partials() *template.Template {
	t.mu.RLock()
	defer t.mu.RUnlock()
	return t.shared
}

func (t *templates) names() []string {
	t.mu.RLock()
	defer t.mu.RUnlock()
	var out []string
	for name := range t.pages {
		out = append(out, name)
	}
	sort.Strings(out)
	return out
}

var bufPool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// render executes the page template into a buffer first, so a template error
// becomes a clean 500 instead of half a page, then writes it with status.
func (s *Site) render(w http.ResponseWriter, r *http.Request, status int, page string, data any) {
	if s.tmpl.dev {
		if err := s.tmpl.parse(); err != nil {
			s.serverError(w, r, err)
			return
		}
	}
	s.tmpl.mu.RLock()
	tmpl := s.tmpl.pages[page]
	s.tmpl.mu.RUnlock()
	if tmpl == nil {
		s.serverError(w, r, fmt.Errorf("site: no template %q", page))
		return
	}
	buf := bufPool.Get().(*bytes.Buffer)
	buf.Reset()
	defer bufPool.Put(buf)
	if err := tmpl.ExecuteTemplate(buf, "layout", data); err != nil {
		s.serverError(w, r, fmt.Errorf("site: render %s: %w", page, err))
		return
	}
	s.rendered.Store(page, true)
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Content-Length", fmt.Sprint(buf.Len()))
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		_, _ = w.Write(buf.Bytes())
	}
}
