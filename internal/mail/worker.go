package mail

import (
	"context"
	"log/slog"
	"time"

	"masthead/internal/store"
)

// Worker sends the outbox's due mails through Server.
type Worker struct {
	Store  *store.Store
	Server Server
	// From is the From address, read for each round (setting mail.from).
	From func(ctx context.Context) string
	Log  *slog.Logger
	// Send, when set, replaces Server.Send (a test's failing server).
	Send func(ctx context.Context, from, to string, msg []byte) error
}

// Retry is how long a mail waits after its nth failed attempt (n from 1):
// 30 seconds, doubling each time, at most an hour. A mail server that is
// down for a day costs about 30 attempts per mail, and a mail is never
// dropped for it.
func Retry(n int) time.Duration {
	d := 30 * time.Second
	for i := 1; i < n && d < time.Hour; i++ {
		d *= 2
	}
	return min(d, time.Hour)
}

// RunOnce sends the mails due now and returns how many went out.
func (w *Worker) RunOnce(ctx context.Context) (int, error) {
	sent := 0
	for {
		batch, err := w.Store.ClaimMail(ctx, 10)
		if err != nil || len(batch) == 0 {
			return sent, err
		}
		from := w.From(ctx)
		for _, m := range batch {
			err := w.deliver(ctx, from, m)
			if err == nil {
				ok, err := w.Store.MailSent(ctx, m.ID)
				if err != nil {
					return sent, err
				}
				if ok {
					sent++
				}
				continue
			}
			forGood := Permanent(err)
			w.Log.Warn("mail not sent", "id", m.ID, "to", m.To, "attempt", m.Attempts+1, "err", err, "for_good", forGood)
			if err := w.Store.MailFailed(ctx, m.ID, err.Error(), Retry(m.Attempts+1), forGood); err != nil {
				return sent, err
			}
		}
	}
}

func (w *Worker) deliver(ctx context.Context, from string, m store.Mail) error {
	msg, err := Message(from, m.To, m.Subject, m.Body, w.Store.Now())
	if err != nil {
		return err
	}
	envFrom, _ := Envelope(from)
	envTo, _ := Envelope(m.To)
	send := w.Send
	if send == nil {
		send = w.Server.Send
	}
	return send(ctx, envFrom, envTo, msg)
}

// Run sends due mail every interval until ctx ends.
func (w *Worker) Run(ctx context.Context, every time.Duration) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		if n, err := w.RunOnce(ctx); err != nil && ctx.Err() == nil {
			w.Log.Error("mail outbox", "err", err)
		} else if n > 0 {
			w.Log.Info("mail sent", "mails", n)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
