package mail_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"sync"
	"testing"
	"time"

	"masthead/internal/dbtest"
	"masthead/internal/mail"
	"masthead/internal/mailtest"
	"masthead/internal/store"
)

var testTime = time.Date(2026, 12, 5, 10, 0, 0, 0, time.UTC)

func worker(st *store.Store, srv mail.Server) *mail.Worker {
	return &mail.Worker{Store: st, Server: srv, Log: slog.New(slog.NewTextHandler(io.Discard, nil)),
		From: func(context.Context) string { return "The Harbour Courier <noreply@courier.example>" }}
}

// TestMailServerDownThenUp: a mail queued while the mail server is down
// waits, is tried again later and later, and is delivered once when the
// server is back; the log shows the attempts and the error meanwhile.
func TestMailServerDownThenUp(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		clock := dbtest.SetClock(st, testTime)
		pit := mailtest.Start(t)
		pit.Stop()
		w := worker(st, pit.MailServer())
		if err := st.QueueMail(ctx, store.Mail{Kind: "notice", To: "ann@courier.example", Subject: "Held up", Body: "Hello Ann"}); err != nil {
			t.Fatal(err)
		}
		for i := 1; i <= 2; i++ {
			if n, err := w.RunOnce(ctx); err != nil || n != 0 {
				t.Fatalf("with the server down, attempt %d: sent %d, %v", i, n, err)
			}
			log, _ := st.MailLog(ctx, 10, 0)
			if len(log) != 1 || log[0].Attempts != i || log[0].LastError == "" || !log[0].SentAt.IsZero() || !log[0].GivenUpAt.IsZero() {
				t.Fatalf("after attempt %d the log says %+v", i, log)
			}
			// Not tried again before its time.
			if n, _ := w.RunOnce(ctx); n != 0 {
				t.Fatal("tried again at once")
			}
			if got, want := log[0].NextAt.Sub(clock.Now()), mail.Retry(i); got != want {
				t.Errorf("attempt %d: next try in %v, want %v", i, got, want)
			}
			clock.Advance(mail.Retry(i))
		}
		pit.Restart()
		if n, err := w.RunOnce(ctx); err != nil || n != 1 {
			t.Fatalf("with the server back: sent %d, %v", n, err)
		}
		clock.Advance(time.Hour)
		if n, _ := w.RunOnce(ctx); n != 0 {
			t.Errorf("sent again: %d", n)
		}
		got := pit.Messages()
		if len(got) != 1 || got[0].Subject != "Held up" || got[0].Text == "" {
			t.Fatalf("mailpit received %+v, want the one mail once", got)
		}
		log, _ := st.MailLog(ctx, 10, 0)
		if log[0].SentAt.IsZero() || log[0].Attempts != 3 || log[0].Body != "" {
			t.Errorf("the log after delivery: %+v, want sent after 3 attempts with the body forgotten", log[0])
		}
	})
}

// TestTwoWorkersSendEachMailOnce: workers racing over one outbox (as nodes
// do) deliver every mail exactly once.
func TestTwoWorkersSendEachMailOnce(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		pit := mailtest.Start(t)
		const n = 12
		for i := range n {
			if err := st.QueueMail(ctx, store.Mail{Kind: "notice", To: fmt.Sprintf("p%d@courier.example", i), Subject: fmt.Sprint("Mail ", i), Body: "x"}); err != nil {
				t.Fatal(err)
			}
		}
		var wg sync.WaitGroup
		sent := make([]int, 2)
		for i := range sent {
			wg.Go(func() {
				var err error
				sent[i], err = worker(st, pit.MailServer()).RunOnce(ctx)
				if err != nil {
					t.Error(err)
				}
			})
		}
		wg.Wait()
		if got := len(pit.Messages()); sent[0]+sent[1] != n || got != n {
			t.Errorf("workers sent %v, mailpit holds %d; want %d in all, each once", sent, got, n)
		}
	})
}
