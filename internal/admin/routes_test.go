package admin_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"

	"masthead/internal/dbtest"
	"masthead/internal/news"
	"masthead/internal/store"
)

// routeRule is what the newsroom's rules say of one route: open to anyone
// (public), staff of at least a role (min), or an action on an article
// that the rule table decides (act).
type routeRule struct {
	public bool
	min    news.Role
	act    news.Action
	last   bool // it signs the person out: walked after the others
}

// routeRules has an entry for every newsroom route. A route added without
// one fails TestEveryRouteAsksTheRules.
var routeRules = map[string]routeRule{
	"GET /admin/signin":                                {public: true},
	"POST /admin/signin":                               {public: true},
	"POST /admin/signin/code":                          {public: true},
	"POST /admin/signout":                              {public: true, last: true},
	"GET /admin/invite/{token}":                        {public: true},
	"POST /admin/invite/{token}":                       {public: true},
	"GET /admin":                                       {min: news.RoleContributor},
	"GET /admin/account":                               {min: news.RoleContributor},
	"POST /admin/account/signout-everywhere":           {min: news.RoleContributor, last: true},
	"POST /admin/account/totp":                         {min: news.RoleContributor},
	"POST /admin/account/totp/confirm":                 {min: news.RoleContributor},
	"POST /admin/account/totp/off":                     {min: news.RoleContributor},
	"GET /admin/people":                                {min: news.RoleAdmin},
	"POST /admin/people/invite":                        {min: news.RoleAdmin},
	"POST /admin/people/invites/revoke":                {min: news.RoleAdmin},
	"POST /admin/people/invites/renew":                 {min: news.RoleAdmin},
	"POST /admin/people/{id}/role":                     {min: news.RoleAdmin},
	"POST /admin/people/{id}/author":                   {min: news.RoleAdmin},
	"GET /admin/people/{id}/deactivate":                {min: news.RoleAdmin},
	"POST /admin/people/{id}/deactivate":               {min: news.RoleAdmin},
	"POST /admin/people/{id}/reactivate":               {min: news.RoleAdmin},
	"GET /admin/mail":                                  {min: news.RoleAdmin},
	"GET /admin/forgot":                                {public: true},
	"POST /admin/forgot":                               {public: true},
	"GET /admin/reset/{token}":                         {public: true},
	"POST /admin/reset/{token}":                        {public: true},
	"GET /admin/media":                                 {min: news.RoleContributor},
	"POST /admin/media":                                {min: news.RoleContributor},
	"GET /admin/media/{id}":                            {min: news.RoleContributor},
	"POST /admin/media/{id}":                           {min: news.RoleContributor},
	"POST /admin/media/{id}/replace":                   {min: news.RoleContributor},
	"GET /admin/media/{id}/delete":                     {min: news.RoleEditor},
	"POST /admin/media/{id}/delete":                    {min: news.RoleEditor},
	"GET /admin/media/{id}/original":                   {min: news.RoleContributor},
	"GET /admin/media/{id}/preview":                    {min: news.RoleContributor},
	"GET /admin/sections":                              {min: news.RoleEditor},
	"POST /admin/sections":                             {min: news.RoleEditor},
	"GET /admin/fronts":                                {min: news.RoleEditor},
	"GET /admin/fronts/stories":                        {min: news.RoleEditor},
	"POST /admin/fronts/pin":                           {min: news.RoleEditor},
	"POST /admin/fronts/move":                          {min: news.RoleEditor},
	"POST /admin/fronts/save":                          {min: news.RoleEditor},
	"POST /admin/fronts/menu":                          {min: news.RoleEditor},
	"GET /admin/authors":                               {min: news.RoleEditor},
	"GET /admin/authors/{id}":                          {min: news.RoleEditor},
	"POST /admin/authors/{id}":                         {min: news.RoleEditor},
	"GET /admin/tags":                                  {min: news.RoleEditor},
	"POST /admin/tags":                                 {min: news.RoleEditor},
	"GET /admin/audit":                                 {min: news.RoleAdmin},
	"GET /admin/api-keys":                              {min: news.RoleAdmin},
	"POST /admin/api-keys":                             {min: news.RoleAdmin},
	"POST /admin/api-keys/{id}/revoke":                 {min: news.RoleAdmin},
	"POST /admin/api/articles":                         {min: news.RoleContributor},
	"GET /admin/api/articles/{id}":                     {act: news.ActView},
	"PUT /admin/api/articles/{id}":                     {act: news.ActEdit},
	"POST /admin/api/articles/{id}/{action}":           {act: news.ActSubmit},
	"GET /admin/api/articles/{id}/revisions":           {act: news.ActRevisions},
	"GET /admin/api/articles/{id}/revisions/{version}": {act: news.ActRevisions},
	"POST /admin/api/articles/{id}/presence":           {act: news.ActView},
	"GET /admin/preview/{id}":                          {act: news.ActPreview},
	"GET /admin/articles":                              {min: news.RoleContributor},
	"POST /admin/articles/bulk":                        {min: news.RoleContributor},
	"GET /admin/articles/new":                          {min: news.RoleContributor},
	"GET /admin/articles/{id}":                         {act: news.ActView},
	"GET /admin/articles/{id}/revisions":               {act: news.ActRevisions},
	"POST /admin/api/articles/{id}/note":               {act: news.ActNote},
	"PUT /admin/api/articles/{id}/notes/{note}":        {act: news.ActNote},
	"GET /admin/import":                                {min: news.RoleAdmin},
	"POST /admin/import":                               {min: news.RoleAdmin},
	"GET /admin/pages":                                 {min: news.RoleEditor},
	"POST /admin/pages":                                {min: news.RoleEditor},
	"GET /admin/pages/new":                             {min: news.RoleEditor},
	"GET /admin/pages/{id}":                            {min: news.RoleEditor},
	"POST /admin/pages/{id}":                           {min: news.RoleEditor},
	"POST /admin/pages/{id}/{action}":                  {min: news.RoleEditor},
	"GET /admin/pages/{id}/revisions":                  {min: news.RoleEditor},
	"POST /admin/pages/{id}/restore":                   {min: news.RoleEditor},
	"GET /admin/settings":                              {min: news.RoleAdmin},
	"POST /admin/settings":                             {min: news.RoleAdmin},
	"GET /admin/redirects":                             {min: news.RoleAdmin},
	"POST /admin/redirects":                            {min: news.RoleAdmin},
	"POST /admin/redirects/delete":                     {min: news.RoleAdmin},
	"GET /admin/webhooks":                              {min: news.RoleAdmin},
	"POST /admin/webhooks":                             {min: news.RoleAdmin},
	"GET /admin/webhooks/{id}":                         {min: news.RoleAdmin},
	"POST /admin/webhooks/{id}":                        {min: news.RoleAdmin},
	"POST /admin/webhooks/{id}/{action}":               {min: news.RoleAdmin},
	"GET /admin/static/{file}":                         {public: true},
	"GET /admin/{$}":                                   {public: true},
	"/admin/":                                          {public: true},
}

// TestEveryRouteAsksTheRules walks every newsroom route as each role and
// signed out, on a draft of the editor's (so "own" only for the editor),
// and compares the answer with the rules: refused is 403 (401 or a redirect
// to sign in when signed out), allowed is anything but those and 5xx. The
// requests carry empty bodies, so what is allowed stops at validation.
func TestEveryRouteAsksTheRules(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, st *store.Store) {
		d := newDesk(t, st)
		art, _ := d.draft(news.RoleEditor, news.Draft, "Route walk")
		up := d.uploadFiles(d.clients[news.RoleEditor], true, map[string][]byte{"walk.jpg": jpegBytes(t, 40, 30)})
		var out struct{ Results []struct{ Asset news.Asset } }
		if err := json.Unmarshal([]byte(up.body), &out); err != nil || len(out.Results) != 1 {
			t.Fatalf("upload: %d %s", up.status, up.body)
		}
		asset := out.Results[0].Asset.ID
		routes := d.adm.Routes()
		var first, last []string
		for _, p := range routes {
			rule, ok := routeRules[p]
			switch {
			case !ok:
				t.Errorf("the route %q has no entry in routeRules: say who may use it", p)
			case rule.last:
				last = append(last, p)
			default:
				first = append(first, p)
			}
		}
		for p := range routeRules {
			if !strings.Contains(strings.Join(routes, "\n")+"\n", p+"\n") {
				t.Errorf("routeRules has %q, which is no route", p)
			}
		}
		slices.Reverse(last) // signing out everywhere needs a session: before signing out
		fill := strings.NewReplacer("{id}", fmt.Sprint(art.ID), "{action}", "submit", "{version}", "1",
			"{token}", "no-such-invitation", "{file}", "nothing.js", "{$}", "")
		roles := append([]news.Role{""}, news.Roles...)
		for _, p := range append(first, last...) {
			rule := routeRules[p]
			method, path, found := strings.Cut(p, " ")
			if !found {
				method, path = "GET", p+"nowhere"
			}
			path = fill.Replace(path)
			if strings.HasPrefix(p, "GET /admin/media/{id}") || strings.HasPrefix(p, "POST /admin/media/{id}") {
				path = strings.Replace(path, fmt.Sprint(art.ID), fmt.Sprint(asset), 1)
			}
			for _, role := range roles {
				c := d.clients[role]
				if role == "" {
					c = d.browser()
				}
				body, kind := "{}", "application/json"
				if !strings.HasPrefix(path, "/admin/api/") {
					body, kind = "", "application/x-www-form-urlencoded"
				}
				req, _ := http.NewRequest(method, d.ts.URL+path, strings.NewReader(body))
				req.Header.Set("Content-Type", kind)
				resp, err := c.Do(req)
				if err != nil {
					t.Fatal(err)
				}
				resp.Body.Close()
				got := resp.StatusCode
				refused := got == http.StatusForbidden || got == http.StatusUnauthorized ||
					got == http.StatusSeeOther && strings.HasPrefix(resp.Header.Get("Location"), "/admin/signin")
				var allowed bool
				switch {
				case rule.public:
					allowed = true
				case role == "":
					allowed = false
				case rule.act != "":
					allowed = news.Allowed(role, role == news.RoleEditor, rule.act, news.StageDraft)
				default:
					allowed = role.AtLeast(rule.min)
				}
				if got >= 500 {
					t.Errorf("%s %s as %q: %d", method, path, role, got)
				} else if allowed && refused && !rule.public {
					t.Errorf("%s %s as %q: %d, but the rules allow it", method, path, role, got)
				} else if !allowed && !refused {
					t.Errorf("%s %s as %q: %d, but the rules refuse it", method, path, role, got)
				}
			}
		}
	})
}
