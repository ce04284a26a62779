package admin

import (
	"net/http"
	"slices"

	"masthead/internal/news"
	"masthead/internal/redirect"
)

// routes lists every newsroom route. Article routes check the rule table
// (news.Allowed) in their handlers; staff(min) only lets in staff of at
// least that role.
func (a *Admin) routes() {
	m := routeList{a}
	m.HandleFunc("GET /admin/signin", a.signinForm)
	m.HandleFunc("POST /admin/signin", a.signin)
	m.HandleFunc("POST /admin/signin/code", a.signinCode)
	m.HandleFunc("POST /admin/signout", a.signout)
	m.HandleFunc("GET /admin/invite/{token}", a.inviteForm)
	m.HandleFunc("POST /admin/invite/{token}", a.acceptInvite)
	m.HandleFunc("GET /admin", a.staff(news.RoleContributor, a.dashboard))
	m.HandleFunc("GET /admin/account", a.staff(news.RoleContributor, a.account))
	m.HandleFunc("POST /admin/account/signout-everywhere", a.staff(news.RoleContributor, a.signoutEverywhere))
	m.HandleFunc("POST /admin/account/totp", a.staff(news.RoleContributor, a.startTOTP))
	m.HandleFunc("POST /admin/account/totp/confirm", a.staff(news.RoleContributor, a.confirmTOTP))
	m.HandleFunc("POST /admin/account/totp/off", a.staff(news.RoleContributor, a.disableTOTP))
	m.HandleFunc("GET /admin/forgot", a.forgotForm)
	m.HandleFunc("POST /admin/forgot", a.forgot)
	m.HandleFunc("GET /admin/reset/{token}", a.resetForm)
	m.HandleFunc("POST /admin/reset/{token}", a.reset)
	m.HandleFunc("GET /admin/people", a.allowed(news.ActManagePeople, a.people))
	m.HandleFunc("POST /admin/people/invite", a.allowed(news.ActManagePeople, a.invite))
	m.HandleFunc("POST /admin/people/invites/revoke", a.allowed(news.ActManagePeople, a.revokeInvite))
	m.HandleFunc("POST /admin/people/invites/renew", a.allowed(news.ActManagePeople, a.renewInvite))
	m.HandleFunc("POST /admin/people/{id}/role", a.allowed(news.ActManagePeople, a.setRole))
	m.HandleFunc("POST /admin/people/{id}/author", a.allowed(news.ActManagePeople, a.linkAuthor))
	m.HandleFunc("GET /admin/people/{id}/deactivate", a.allowed(news.ActManagePeople, a.deactivateForm))
	m.HandleFunc("POST /admin/people/{id}/deactivate", a.allowed(news.ActManagePeople, a.deactivate))
	m.HandleFunc("POST /admin/people/{id}/reactivate", a.allowed(news.ActManagePeople, a.reactivate))
	m.HandleFunc("GET /admin/mail", a.allowed(news.ActReadMailLog, a.mailLog))
	m.HandleFunc("GET /admin/media", a.staff(news.RoleContributor, a.libraryPage))
	m.HandleFunc("POST /admin/media", a.staff(news.RoleContributor, a.upload))
	m.HandleFunc("GET /admin/media/{id}", a.staff(news.RoleContributor, a.assetPage))
	m.HandleFunc("POST /admin/media/{id}", a.staff(news.RoleContributor, a.saveAsset))
	m.HandleFunc("POST /admin/media/{id}/replace", a.staff(news.RoleContributor, a.replaceAsset))
	m.HandleFunc("GET /admin/media/{id}/delete", a.staff(news.RoleEditor, a.deleteAssetForm))
	m.HandleFunc("POST /admin/media/{id}/delete", a.staff(news.RoleEditor, a.deleteAsset))
	m.HandleFunc("GET /admin/media/{id}/original", a.staff(news.RoleContributor, a.original))
	m.HandleFunc("GET /admin/media/{id}/preview", a.staff(news.RoleContributor, a.picturePreview))
	m.HandleFunc("GET /admin/sections", a.staff(news.RoleEditor, a.sectionsPage))
	m.HandleFunc("POST /admin/sections", a.staff(news.RoleEditor, a.saveSection))
	m.HandleFunc("GET /admin/fronts", a.pinner(a.frontsPage))
	m.HandleFunc("GET /admin/fronts/stories", a.pinner(a.storySuggestions))
	m.HandleFunc("POST /admin/fronts/pin", a.pinner(a.pinStory))
	m.HandleFunc("POST /admin/fronts/move", a.pinner(a.moveOnFront))
	m.HandleFunc("POST /admin/fronts/save", a.pinner(a.saveFront))
	m.HandleFunc("POST /admin/fronts/menu", a.pinner(a.arrangeMenu))
	m.HandleFunc("GET /admin/authors", a.staff(news.RoleEditor, a.authorsPage))
	m.HandleFunc("GET /admin/authors/{id}", a.staff(news.RoleEditor, a.authorPage))
	m.HandleFunc("POST /admin/authors/{id}", a.staff(news.RoleEditor, a.saveAuthor))
	m.HandleFunc("GET /admin/tags", a.staff(news.RoleEditor, a.tagsPage))
	m.HandleFunc("POST /admin/tags", a.staff(news.RoleEditor, a.saveTag))
	m.HandleFunc("GET /admin/audit", a.staff(news.RoleAdmin, a.auditLog))
	m.HandleFunc("GET /admin/import", a.staff(news.RoleAdmin, a.importPage))
	m.HandleFunc("POST /admin/import", a.staff(news.RoleAdmin, a.startImport))
	m.HandleFunc("GET /admin/pages", a.staff(news.RoleEditor, a.pagesPage))
	m.HandleFunc("POST /admin/pages", a.staff(news.RoleEditor, a.createPage))
	m.HandleFunc("GET /admin/pages/new", a.staff(news.RoleEditor, a.newPage))
	m.HandleFunc("GET /admin/pages/{id}", a.staff(news.RoleEditor, a.editPage))
	m.HandleFunc("POST /admin/pages/{id}", a.staff(news.RoleEditor, a.savePage))
	m.HandleFunc("POST /admin/pages/{id}/{action}", a.staff(news.RoleEditor, a.publishPage))
	m.HandleFunc("GET /admin/pages/{id}/revisions", a.staff(news.RoleEditor, a.pageRevisions))
	m.HandleFunc("POST /admin/pages/{id}/restore", a.staff(news.RoleEditor, a.restorePage))
	m.HandleFunc("GET /admin/settings", a.staff(news.RoleAdmin, a.settingsPage))
	m.HandleFunc("POST /admin/settings", a.staff(news.RoleAdmin, a.saveSettings))
	m.HandleFunc("GET /admin/redirects", a.staff(news.RoleAdmin, a.redirectsPage))
	m.HandleFunc("POST /admin/redirects", a.staff(news.RoleAdmin, a.addRedirect))
	m.HandleFunc("POST /admin/redirects/delete", a.staff(news.RoleAdmin, a.deleteRedirect))
	m.HandleFunc("GET /admin/webhooks", a.staff(news.RoleAdmin, a.webhooksPage))
	m.HandleFunc("POST /admin/webhooks", a.staff(news.RoleAdmin, a.addWebhook))
	m.HandleFunc("GET /admin/webhooks/{id}", a.staff(news.RoleAdmin, a.webhookPage))
	m.HandleFunc("POST /admin/webhooks/{id}", a.staff(news.RoleAdmin, a.saveWebhook))
	m.HandleFunc("POST /admin/webhooks/{id}/{action}", a.staff(news.RoleAdmin, a.webhookAction))
	m.HandleFunc("GET /admin/api-keys", a.staff(news.RoleAdmin, a.apiKeysPage))
	m.HandleFunc("POST /admin/api-keys", a.staff(news.RoleAdmin, a.createAPIKey))
	m.HandleFunc("POST /admin/api-keys/{id}/revoke", a.staff(news.RoleAdmin, a.revokeAPIKey))
	m.HandleFunc("POST /admin/api/articles", a.staff(news.RoleContributor, a.createArticle))
	m.HandleFunc("GET /admin/api/articles/{id}", a.staff(news.RoleContributor, a.getArticle))
	m.HandleFunc("PUT /admin/api/articles/{id}", a.staff(news.RoleContributor, a.saveArticle))
	m.HandleFunc("POST /admin/api/articles/{id}/{action}", a.staff(news.RoleContributor, a.articleAction))
	m.HandleFunc("POST /admin/api/articles/{id}/note", a.staff(news.RoleContributor, a.addNote))
	m.HandleFunc("PUT /admin/api/articles/{id}/notes/{note}", a.staff(news.RoleContributor, a.rewordNote))
	m.HandleFunc("GET /admin/api/articles/{id}/revisions", a.staff(news.RoleContributor, a.revisions))
	m.HandleFunc("GET /admin/api/articles/{id}/revisions/{version}", a.staff(news.RoleContributor, a.revision))
	m.HandleFunc("POST /admin/api/articles/{id}/presence", a.staff(news.RoleContributor, a.presenceAPI))
	m.HandleFunc("GET /admin/preview/{id}", a.staff(news.RoleContributor, a.preview))
	m.HandleFunc("GET /admin/articles", a.staff(news.RoleContributor, a.articleList))
	m.HandleFunc("POST /admin/articles/bulk", a.staff(news.RoleContributor, a.bulkArticles))
	m.HandleFunc("GET /admin/articles/new", a.staff(news.RoleContributor, a.newArticle))
	m.HandleFunc("GET /admin/articles/{id}", a.staff(news.RoleContributor, a.editArticle))
	m.HandleFunc("GET /admin/articles/{id}/revisions", a.staff(news.RoleContributor, a.revisionsPage))
	m.HandleFunc("GET /admin/static/{file}", a.serveStatic)
	m.HandleFunc("GET /admin/{$}", func(w http.ResponseWriter, r *http.Request) {
		redirect.To(w, r, "/admin", http.StatusMovedPermanently)
	})
	m.HandleFunc("/admin/", a.notFound)
}

// routeList registers routes and remembers their patterns, so that a test
// can walk every route.
type routeList struct{ a *Admin }

func (l routeList) HandleFunc(pattern string, h http.HandlerFunc) { l.Handle(pattern, h) }

func (l routeList) Handle(pattern string, h http.Handler) {
	l.a.patterns = append(l.a.patterns, pattern)
	l.a.mux.Handle(pattern, h)
}

// Routes returns the pattern of every newsroom route, in the order they
// are listed.
func (a *Admin) Routes() []string { return slices.Clone(a.patterns) }
