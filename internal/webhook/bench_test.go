package webhook_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"testing"
	"time"

	"masthead/internal/dbtest"
	"masthead/internal/news"
	"masthead/internal/store"
)

// BenchmarkPublishToDelivery measures the time from a publish being asked
// for (the store's save, which commits the event with the article) to its
// signed message arriving at a receiver, with the worker running as
// serve runs it (woken by the publish, polling every 2 s besides). It
// reports the median and the slowest as p50-ms and max-ms.
//
//	nice go test ./internal/webhook -run '^$' -bench PublishToDelivery -benchtime 50x
func BenchmarkPublishToDelivery(b *testing.B) {
	for _, engine := range []string{"sqlite", "postgres"} {
		b.Run(engine, func(b *testing.B) {
			st := dbtest.SQLite(b)
			if engine == "postgres" {
				st = dbtest.Postgres(b)
			}
			benchDelivery(b, st)
		})
	}
}

func benchDelivery(b *testing.B, st *store.Store) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	arrived := make(chan time.Time, 1)
	rc := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		arrived <- time.Now()
	}))
	defer rc.Close()
	sec := news.Section{Name: "City", Position: 1}
	au := news.Author{Name: "Ana Ortiz"}
	if err := st.CreateSection(ctx, &sec); err != nil {
		b.Fatal(err)
	}
	if err := st.CreateAuthor(ctx, &au); err != nil {
		b.Fatal(err)
	}
	ep := news.Webhook{URL: rc.URL, Events: []string{news.EventPublished}, Secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"}
	if err := st.SaveWebhook(ctx, &ep, 0); err != nil {
		b.Fatal(err)
	}
	go worker(st, "bench").Run(ctx, 2*time.Second)
	var took []time.Duration
	b.ResetTimer()
	for i := range b.N {
		a := &news.Article{Headline: fmt.Sprintf("Story %d", i), Standfirst: "What happened.", Status: news.Published,
			Section: sec, Authors: []news.Author{au}}
		// From the start of the save: on PostgreSQL the message often
		// arrives before the save returns, while it refreshes related
		// articles after the commit.
		published := time.Now()
		if err := st.SaveArticle(ctx, a); err != nil {
			b.Fatal(err)
		}
		select {
		case at := <-arrived:
			took = append(took, at.Sub(published))
		case <-time.After(30 * time.Second):
			b.Fatal("no delivery within 30 s")
		}
	}
	b.StopTimer()
	slices.Sort(took)
	b.ReportMetric(float64(took[len(took)/2].Microseconds())/1000, "p50-ms")
	b.ReportMetric(float64(took[len(took)-1].Microseconds())/1000, "max-ms")
}
