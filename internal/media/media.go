// Package media is the newsroom's picture library behind its screens: it
// takes an upload (Ingest), checks it from its bytes, keeps the original
// private, and has a background worker make the renditions the public site
// serves, in JPEG and WebP at several widths and as crops around a focal
// point, and an animated GIF's animation as GIFs. Files live in a Storage
// (a folder, or an S3 bucket); what is known about each picture lives in the
// database, so any node can finish the work.
package media

import (
	"crypto/rand"
	"encoding/hex"
	"log/slog"
	"os"
	"time"

	"masthead/internal/store"
)

// Options are the limits and sizes of a library; zero values take defaults.
type Options struct {
	// MaxBytes is the largest file taken (default 25 MB).
	MaxBytes int64
	// MaxPixels is the largest picture taken, width × height as its header
	// states it (default 50 megapixels).
	MaxPixels int64
	// MaxAnimationPixels is the most pixels an animated GIF may hold over
	// all its frames, each counted at the picture's size, since each is
	// drawn whole to make the renditions (default 4 × MaxPixels).
	MaxAnimationPixels int64
	// Widths are the widths of the whole-picture renditions; a picture is
	// never made larger, and its own width (up to the largest) is made too.
	Widths []int
	// AnimatedWidths are the widths of an animated GIF's animated
	// renditions, made beside its still ones (default 320, 640 and 960: a
	// GIF is many times the bytes of a still, so none is very wide).
	AnimatedWidths []int
	// Crops are the cropped renditions for cards.
	Crops []Crop
	// JPEGQuality and WebPQuality are the encoders' quality, 1 to 100.
	JPEGQuality, WebPQuality int
	// WebPMethod is libwebp's effort, 0 to 6 (default 2): 4 makes files
	// 2 to 4 % smaller and takes 2.5 times as long.
	WebPMethod int
	// Memo, when set, keeps the renditions made from each original in
	// memory and reuses them for the same bytes: the demo loads the same
	// pictures into many test databases in one process.
	Memo *Memo
	// Parallel is how many renditions of an asset are encoded at once
	// (default 2).
	Parallel int
	// Workers is how many assets ProcessPending makes at once (default 1).
	// The demo loader, whose pictures are small, makes one per processor.
	// However many there are, the pictures they hold decoded are bounded
	// together by Budget.
	Workers int
	// Budget bounds the memory of the pictures that uploads and workers
	// hold decoded at once; a picture whose work alone would need more is
	// refused at upload. Libraries of one process should share one (default:
	// a budget of DefaultBudget bytes for this library).
	Budget *Budget
	// Lease is how long a worker holds an asset before another node may
	// take it over (default 5 minutes).
	Lease time.Duration
	// Poll is how often an idle worker looks for work that another node
	// queued (default 15 s); work queued on this node wakes it at once.
	Poll time.Duration
	Log  *slog.Logger
	// OnReady, when set, is called after an asset's renditions are made
	// and recorded: pages that show it change (they had no picture, or the
	// crops moved), so a page cache can drop them. With Workers over 1 it
	// may be called from several goroutines at once.
	OnReady func(assetID int64)
}

// Crop is a cropped rendition: an aspect ratio and its widths.
type Crop struct {
	Name   string // such as "16x9"; news.CardCrop is the one cards use
	W, H   int    // the aspect ratio
	Widths []int
}

// DefaultWidths are the widths of whole-picture renditions: from a phone's
// column at 1x to a wide screen at 2x.
var DefaultWidths = []int{320, 480, 640, 960, 1280, 1600, 2048}

// DefaultAnimatedWidths are the widths of an animated GIF's animated
// renditions.
var DefaultAnimatedWidths = []int{320, 640, 960}

// DefaultCrops are the crops made for cards on index pages.
var DefaultCrops = []Crop{{Name: "16x9", W: 16, H: 9, Widths: []int{320, 640, 960}}}

// DefaultBudget is the memory set aside for pictures being worked on: enough
// for one picture at the pixel limit (a 50-megapixel PNG holds about 275 MB
// while its largest rendition is made), so that, beside the rest of the
// server, `masthead serve` stays under 512 MB whatever is uploaded
// (docs/operations.md: memory).
const DefaultBudget = 340 << 20

// ServerMemoryLimit is the Go runtime's soft memory limit that `masthead
// serve` sets (unless GOMEMLIMIT says otherwise): the budget for pictures and
// 60 MB for the rest of the server, which idles at about 60 MB resident with
// the demo loaded. Under it the collector frees what a finished picture left
// before the heap grows for the next, where GOGC alone would let the heap
// grow to three times the largest picture. With the rest of the process
// (SQLite's pages, the WebP encoder's code) a node that made the renditions
// of ten 49-megapixel PNGs uploaded at once, and refused two GIF bombs,
// peaked at 452,328 kB resident; with 120 MB for the rest it peaked at
// 501,044 kB, too near 512 MB (docs/operations.md: memory).
const ServerMemoryLimit = DefaultBudget + 60<<20

// Library is the media library of one site.
type Library struct {
	store  *store.Store
	files  Storage
	opts   Options
	budget *Budget
	log    *slog.Logger
	worker string
	wake   chan struct{}
}

// New returns the library over st and files.
func New(st *store.Store, files Storage, o Options) *Library {
	if o.MaxBytes <= 0 {
		o.MaxBytes = 25 << 20
	}
	if o.MaxPixels <= 0 {
		o.MaxPixels = 50_000_000
	}
	if o.MaxAnimationPixels <= 0 {
		o.MaxAnimationPixels = 4 * o.MaxPixels
	}
	if o.Widths == nil {
		o.Widths = DefaultWidths
	}
	if o.AnimatedWidths == nil {
		o.AnimatedWidths = DefaultAnimatedWidths
	}
	if o.Crops == nil {
		o.Crops = DefaultCrops
	}
	if o.JPEGQuality <= 0 {
		o.JPEGQuality = 80
	}
	if o.WebPQuality <= 0 {
		o.WebPQuality = 75
	}
	if o.WebPMethod <= 0 || o.WebPMethod > 6 {
		o.WebPMethod = 2
	}
	if o.Parallel <= 0 {
		o.Parallel = 2
	}
	if o.Budget == nil {
		o.Budget = NewBudget(DefaultBudget)
	}
	if o.Lease <= 0 {
		o.Lease = 5 * time.Minute
	}
	if o.Poll <= 0 {
		o.Poll = 15 * time.Second
	}
	log := o.Log
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	host, _ := os.Hostname()
	return &Library{store: st, files: files, opts: o, budget: o.Budget, log: log,
		worker: host + "-" + randomHex(4), wake: make(chan struct{}, 1)}
}

// Files is the library's storage, which the public site serves from.
func (l *Library) Files() Storage { return l.files }

func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}
