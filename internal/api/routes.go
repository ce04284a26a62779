package api

import "net/http"

// routes lists every route of the API. The content API's routes are
// served through the cache; /api/v1/admin/… go to the newsroom (see
// Handler) and are listed here so the OpenAPI test sees them too.
func (a *API) routes() {
	a.handle("GET "+Prefix+"/openapi.json", a.openAPI)
	a.handle("GET "+Prefix+"/articles", a.articles)
	a.handle("GET "+Prefix+"/articles/{id}", a.articleByID)
	a.handle("GET "+Prefix+"/sections", a.sections)
	a.handle("GET "+Prefix+"/authors", a.authors)
	a.handle("GET "+Prefix+"/authors/{slug}", a.authorBySlug)
	a.handle("GET "+Prefix+"/tags", a.tags)
	a.handle("GET "+Prefix+"/pages", a.pages)
	a.handle("GET "+Prefix+"/pages/{slug}", a.pageBySlug)
	a.handle("GET "+Prefix+"/search", a.search)
	a.handle(Prefix+"/", a.notFound)
	for _, p := range newsroomRoutes {
		a.patterns = append(a.patterns, p)
	}
}

// newsroomRoutes are the write API's routes, each the newsroom's route of
// the same name under /admin (see newsroom).
var newsroomRoutes = []string{
	"POST " + Prefix + "/admin/articles",
	"GET " + Prefix + "/admin/articles/{id}",
	"PUT " + Prefix + "/admin/articles/{id}",
	"POST " + Prefix + "/admin/articles/{id}/{action}",
	"POST " + Prefix + "/admin/articles/{id}/note",
	"PUT " + Prefix + "/admin/articles/{id}/notes/{note}",
	"GET " + Prefix + "/admin/articles/{id}/revisions",
	"POST " + Prefix + "/admin/media",
	"POST " + Prefix + "/admin/media/{id}",
}

func (a *API) handle(pattern string, h http.HandlerFunc) {
	a.patterns = append(a.patterns, pattern)
	a.mux.HandleFunc(pattern, h)
}
