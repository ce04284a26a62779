// Command bundle builds the newsroom editor's script: web/editor/editor.js
// and its npm packages (Tiptap) into one minified file,
// internal/admin/static/editor.js, which is committed and embedded in the
// binary, so `go build` needs no Node.js. Run it after changing the editor
// or its packages:
//
//	(cd web/editor && npm ci) && go run ./tools/bundle
//
// With -check it builds in memory and fails if the committed file differs,
// which CI runs.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/evanw/esbuild/pkg/api"
)

const (
	entry  = "web/editor/editor.js"
	output = "internal/admin/static/editor.js"
)

func main() {
	check := flag.Bool("check", false, "fail if the committed bundle is not what the sources build")
	flag.Parse()
	res := api.Build(api.BuildOptions{
		EntryPoints:       []string{entry},
		Bundle:            true,
		Write:             false,
		Outfile:           output,
		Format:            api.FormatIIFE,
		Target:            api.ES2020,
		MinifySyntax:      true,
		MinifyWhitespace:  true,
		MinifyIdentifiers: true,
		LegalComments:     api.LegalCommentsEndOfFile,
		Charset:           api.CharsetUTF8,
		NodePaths:         []string{filepath.Join("web", "editor", "node_modules")},
	})
	for _, m := range res.Errors {
		fmt.Fprintf(os.Stderr, "bundle: %s", m.Text)
		if m.Location != nil {
			fmt.Fprintf(os.Stderr, " (%s:%d)", m.Location.File, m.Location.Line)
		}
		fmt.Fprintln(os.Stderr)
	}
	if len(res.Errors) > 0 || len(res.OutputFiles) != 1 {
		os.Exit(1)
	}
	built := res.OutputFiles[0].Contents
	if *check {
		committed, err := os.ReadFile(output)
		if err != nil || !bytes.Equal(committed, built) {
			fmt.Fprintf(os.Stderr, "bundle: %s is not what %s builds; run: (cd web/editor && npm ci) && go run ./tools/bundle\n", output, entry)
			os.Exit(1)
		}
		fmt.Printf("bundle: %s is current (%d bytes)\n", output, len(built))
		return
	}
	if err := os.WriteFile(output, built, 0o644); err != nil {
		fmt.Fprintln(os.Stderr, "bundle:", err)
		os.Exit(1)
	}
	fmt.Printf("bundle: wrote %s (%d bytes)\n", output, len(built))
}
