package admin

import (
	"net/http"
	"strconv"
	"time"

	"masthead/internal/news"
	"masthead/internal/webhook"
)

// deliveriesShown is how many of an endpoint's latest deliveries its page
// lists.
const deliveriesShown = 50

// rotationGrace is how long the old secret keeps signing after a rotation,
// beside the new one.
const rotationGrace = 24 * time.Hour

// webhookData is what an endpoint's page shows.
type webhookData struct {
	Endpoint   news.Webhook
	Events     []string
	Deliveries []news.WebhookDelivery
	Rotating   bool // the old secret still signs
	// ConfirmDelete asks before the endpoint is deleted.
	ConfirmDelete bool
}

// webhookPage shows an endpoint: its address and events, its secret, and
// its latest deliveries with Resend.
func (a *Admin) webhookPage(w http.ResponseWriter, r *http.Request, u *news.User) {
	p := page{}
	if r.URL.Query().Get("added") == "1" {
		p.Message = "Added. Give the receiver the secret below so it can check each message's signature."
	}
	a.renderWebhook(w, r, u, http.StatusOK, p)
}

func (a *Admin) renderWebhook(w http.ResponseWriter, r *http.Request, u *news.User, status int, p page) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		a.failPage(w, r, u, "", notFoundf("There is no such webhook endpoint."))
		return
	}
	hook, err := a.store.Webhook(r.Context(), id)
	var ds []news.WebhookDelivery
	if err == nil {
		ds, err = a.store.WebhookDeliveries(r.Context(), id, deliveriesShown)
	}
	if err != nil {
		a.failPage(w, r, u, "", err)
		return
	}
	d, _ := p.Data.(webhookData)
	if d.Endpoint.ID == 0 {
		d.Endpoint = hook
	} else {
		// A refused edit shows what was sent, on the stored endpoint.
		hook.URL, hook.Events = d.Endpoint.URL, d.Endpoint.Events
		d.Endpoint = hook
	}
	d.Events, d.Deliveries = news.WebhookEvents, ds
	d.Rotating = len(hook.Secrets(a.store.Now())) > 1
	p.Title, p.User, p.Data = "Webhook endpoint", u, d
	a.render(w, r, status, "webhook", p)
}

// saveWebhook changes an endpoint's address or events.
func (a *Admin) saveWebhook(w http.ResponseWriter, r *http.Request, u *news.User) {
	id, _ := strconv.ParseInt(r.PathValue("id"), 10, 64)
	hook := news.Webhook{ID: id, URL: r.PostFormValue("url"), Events: r.PostForm["events"]}
	err := a.cfg.Webhooks.Check(r.Context(), hook.URL)
	if err == nil {
		err = a.store.SaveWebhook(r.Context(), &hook, u.ID)
	}
	switch news.ErrorCode(err) {
	case "":
		a.audit(r, news.AuditEntry{UserID: u.ID, Email: u.Email, Action: "webhook.change", Subject: webhookSubject(hook)})
		a.renderWebhook(w, r, u, http.StatusOK, page{Message: "Saved."})
	case news.EINVALID:
		a.renderWebhook(w, r, u, news.HTTPStatus(err), page{Errors: fieldErrors(err), Data: webhookData{Endpoint: hook}})
	default:
		a.webhookFailed(w, r, u, err)
	}
}

// webhookAction carries out a button of an endpoint's page: rotate the
// secret, turn it off or on, send a test event, resend a delivery, or
// delete it (which asks first).
func (a *Admin) webhookAction(w http.ResponseWriter, r *http.Request, u *news.User) {
	ctx := r.Context()
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		a.failPage(w, r, u, "", notFoundf("There is no such webhook endpoint."))
		return
	}
	hook, err := a.store.Webhook(ctx, id)
	if err != nil {
		a.webhookFailed(w, r, u, err)
		return
	}
	var done string
	switch r.PathValue("action") {
	case "rotate":
		err, done = a.store.RotateWebhookSecret(ctx, id, webhook.NewSecret(), rotationGrace),
			"The secret is new. The old one signs beside it for 24 hours, so the receiver can change over."
	case "disable":
		err, done = a.store.SetWebhookEnabled(ctx, id, false), "Turned off: no events are sent until it is turned on."
	case "enable":
		err, done = a.store.SetWebhookEnabled(ctx, id, true), "Turned on: waiting deliveries go out now."
	case "test":
		var msg string
		msg, err = a.store.SendTestEvent(ctx, id)
		done = "A test event (" + msg + ") is on its way; it appears below."
	case "resend":
		var delivery int64
		if delivery, err = strconv.ParseInt(r.PostFormValue("delivery"), 10, 64); err != nil {
			err = news.FieldError("delivery", "Choose a delivery to send again.")
			break
		}
		_, err = a.store.ResendDelivery(ctx, id, delivery)
		done = "Sent again, with the same webhook-id; it appears below."
	case "delete":
		if r.PostFormValue("confirm") != "yes" {
			a.renderWebhook(w, r, u, http.StatusOK, page{Data: webhookData{ConfirmDelete: true}})
			return
		}
		if err = a.store.DeleteWebhook(ctx, id); err == nil {
			a.audit(r, news.AuditEntry{UserID: u.ID, Email: u.Email, Action: "webhook.delete", Subject: webhookSubject(hook)})
			a.renderWebhooks(w, r, u, http.StatusOK, page{Message: "Deleted the endpoint " + hook.URL + " and its deliveries."})
			return
		}
	default:
		a.failPage(w, r, u, "", notFoundf("There is no such action on a webhook endpoint."))
		return
	}
	if err != nil {
		a.webhookFailed(w, r, u, err)
		return
	}
	a.audit(r, news.AuditEntry{UserID: u.ID, Email: u.Email, Action: "webhook." + r.PathValue("action"), Subject: webhookSubject(hook)})
	a.renderWebhook(w, r, u, http.StatusOK, page{Message: done})
}

// webhookFailed answers a refused or failed webhook change: on the
// endpoint's page when it is still there, with the status the error maps to.
func (a *Admin) webhookFailed(w http.ResponseWriter, r *http.Request, u *news.User, err error) {
	if refusal(err) && news.ErrorCode(err) != news.ENOTFOUND {
		a.renderWebhook(w, r, u, news.HTTPStatus(err), page{Error: news.ErrorMessage(err)})
		return
	}
	a.failPage(w, r, u, "", err)
}
