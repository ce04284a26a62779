// Package s3test runs a real S3 server for tests: versitygw
// (go install github.com/versity/versitygw/cmd/versitygw@v1.8.0) over a
// temporary folder. Without versitygw a test is skipped, or fails when
// MASTHEAD_REQUIRE_S3=1 says it must be there (as in CI).
package s3test

import (
	"context"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/minio/minio-go/v7"
	"github.com/minio/minio-go/v7/pkg/credentials"
)

// Binary finds the versitygw binary in PATH or in $(go env GOPATH)/bin.
func Binary() string {
	if p, err := exec.LookPath("versitygw"); err == nil {
		return p
	}
	gopath := os.Getenv("GOPATH")
	if gopath == "" {
		if out, err := exec.Command("go", "env", "GOPATH").Output(); err == nil {
			gopath = strings.TrimSpace(string(out))
		}
	}
	for _, dir := range filepath.SplitList(gopath) {
		p := filepath.Join(dir, "bin", "versitygw")
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	return ""
}

// Start starts a real S3 server (versitygw over a temporary folder) on a
// free port, creates the bucket "media", sets the AWS credential variables
// and returns the --media value that names the bucket,
// s3://media?endpoint=http://HOST:PORT&region=us-east-1. Without versitygw
// the test is skipped, or fails when MASTHEAD_REQUIRE_S3=1 (as in CI).
func Start(t *testing.T) string {
	t.Helper()
	bin := Binary()
	if bin == "" {
		msg := "versitygw not found in PATH or $(go env GOPATH)/bin: go install github.com/versity/versitygw/cmd/versitygw@v1.8.0"
		if os.Getenv("MASTHEAD_REQUIRE_S3") == "1" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	const access, secret = "masthead-test", "masthead-test-secret"
	dir := t.TempDir()
	ctx, cancel := context.WithCancel(context.Background())
	cmd := exec.CommandContext(ctx, bin, "--access", access, "--secret", secret, "--port", addr, "posix", dir)
	var logs strings.Builder
	cmd.Stdout, cmd.Stderr = &logs, &logs
	if err := cmd.Start(); err != nil {
		cancel()
		t.Fatalf("starting versitygw: %v", err)
	}
	t.Cleanup(func() {
		cancel()
		_ = cmd.Wait()
	})
	t.Setenv("AWS_ACCESS_KEY_ID", access)
	t.Setenv("AWS_SECRET_ACCESS_KEY", secret)
	client, err := minio.New(addr, &minio.Options{Creds: credentials.NewStaticV4(access, secret, ""), Region: "us-east-1"})
	if err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(20 * time.Second)
	for {
		err = client.MakeBucket(ctx, "media", minio.MakeBucketOptions{Region: "us-east-1"})
		if err == nil {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("versitygw did not answer at %s: %v\n%s", addr, err, logs.String())
		}
		time.Sleep(100 * time.Millisecond)
	}
	return "s3://media?endpoint=http://" + addr + "&region=us-east-1"
}
