package admin

import (
	"net/http"
	"slices"
	"strconv"

	"masthead/internal/news"
	"masthead/internal/redirect"
	"masthead/internal/webhook"
)

// webhooksData is what the webhooks screen shows: every endpoint, and the
// form to add one as it was sent.
type webhooksData struct {
	Endpoints []news.Webhook
	Events    []string
	NewURL    string
	NewEvents []string
}

// webhooksPage lists the endpoints told of the site's events, with the form
// to add one.
func (a *Admin) webhooksPage(w http.ResponseWriter, r *http.Request, u *news.User) {
	a.renderWebhooks(w, r, u, http.StatusOK, page{})
}

func (a *Admin) renderWebhooks(w http.ResponseWriter, r *http.Request, u *news.User, status int, p page) {
	list, err := a.store.Webhooks(r.Context())
	if err != nil {
		a.serverError(w, r, err)
		return
	}
	d, _ := p.Data.(webhooksData)
	d.Endpoints, d.Events = list, news.WebhookEvents
	if d.NewEvents == nil {
		d.NewEvents = []string{news.EventPublished, news.EventUpdated, news.EventUnpublished}
	}
	p.Title, p.User, p.Data = "Webhooks", u, d
	a.render(w, r, status, "webhooks", p)
}

// addWebhook subscribes a new endpoint, with a secret of its own, after
// checking that its address is https and leads to no internal host.
func (a *Admin) addWebhook(w http.ResponseWriter, r *http.Request, u *news.User) {
	hook := news.Webhook{URL: r.PostFormValue("url"), Events: r.PostForm["events"], Secret: webhook.NewSecret()}
	err := a.cfg.Webhooks.Check(r.Context(), hook.URL)
	if err == nil {
		err = a.store.SaveWebhook(r.Context(), &hook, u.ID)
	}
	if refusal(err) {
		a.renderWebhooks(w, r, u, news.HTTPStatus(err), page{Errors: fieldErrors(err),
			Data: webhooksData{NewURL: hook.URL, NewEvents: hook.Events}})
		return
	}
	if err != nil {
		a.serverError(w, r, err)
		return
	}
	a.audit(r, news.AuditEntry{UserID: u.ID, Email: u.Email, Action: "webhook.add", Subject: webhookSubject(hook)})
	redirect.To(w, r, "/admin/webhooks/"+strconv.FormatInt(hook.ID, 10)+"?added=1", http.StatusSeeOther)
}

func webhookSubject(h news.Webhook) string {
	return "webhook:" + strconv.FormatInt(h.ID, 10) + " " + h.URL
}

// subscribed reports whether an event is among events, for the templates'
// checkboxes.
func subscribed(events []string, e string) bool { return slices.Contains(events, e) }
