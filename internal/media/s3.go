package media

import (
	"bytes"
	"context"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/minio/minio-go/v7"
	"github.com/minio/minio-go/v7/pkg/credentials"

	"masthead/internal/news"
)

// S3 is media storage in a bucket of S3-compatible object storage.
type S3 struct {
	client *minio.Client
	bucket string
}

// NewS3 connects to the bucket named by spec,
// s3://BUCKET?endpoint=HOST[:PORT]&region=REGION, with the credentials in
// AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN, if
// set). The endpoint may carry http:// for a server without TLS; it is
// https otherwise. It checks that the bucket exists.
func NewS3(ctx context.Context, spec string) (*S3, error) {
	u, err := url.Parse(spec)
	if err != nil || u.Scheme != "s3" || u.Host == "" || (u.Path != "" && u.Path != "/") {
		return nil, news.Errorf(news.EINVALID, "--media %q: use s3://BUCKET?endpoint=HOST:PORT&region=REGION", spec)
	}
	q := u.Query()
	endpoint, secure := q.Get("endpoint"), true
	switch {
	case endpoint == "":
		return nil, news.Errorf(news.EINVALID, "--media %q: say which server with ?endpoint=HOST:PORT", spec)
	case strings.HasPrefix(endpoint, "http://"):
		endpoint, secure = strings.TrimPrefix(endpoint, "http://"), false
	case strings.HasPrefix(endpoint, "https://"):
		endpoint = strings.TrimPrefix(endpoint, "https://")
	}
	endpoint = strings.TrimSuffix(endpoint, "/")
	client, err := minio.New(endpoint, &minio.Options{
		Creds:  credentials.NewEnvAWS(),
		Secure: secure,
		Region: q.Get("region"),
	})
	if err != nil {
		return nil, news.Errorf(news.EINVALID, "--media %q: %v", spec, err)
	}
	s := &S3{client: client, bucket: u.Host}
	checkCtx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	ok, err := client.BucketExists(checkCtx, s.bucket)
	if err != nil {
		return nil, fmt.Errorf("media: cannot reach the S3 bucket %s at %s: %w", s.bucket, endpoint, err)
	}
	if !ok {
		return nil, fmt.Errorf("media: the S3 bucket %s does not exist at %s", s.bucket, endpoint)
	}
	return s, nil
}

// Put uploads data under key; S3 makes an object visible only once it is
// whole.
func (s *S3) Put(ctx context.Context, key string, data []byte, contentType string) error {
	if !ValidKey(key) {
		return news.Errorf(news.EINVALID, "%q is not a media file name.", key)
	}
	_, err := s.client.PutObject(ctx, s.bucket, key, bytes.NewReader(data), int64(len(data)),
		minio.PutObjectOptions{ContentType: contentType})
	if err != nil {
		return fmt.Errorf("media.S3.Put %s: %w", key, err)
	}
	return nil
}

type s3Object struct {
	*minio.Object
	info minio.ObjectInfo
}

func (o s3Object) Size() int64        { return o.info.Size }
func (o s3Object) ModTime() time.Time { return o.info.LastModified }

// Open returns the object under key.
func (s *S3) Open(ctx context.Context, key string) (Object, error) {
	if !ValidKey(key) {
		return nil, news.Errorf(news.ENOTFOUND, "There is no such media file.")
	}
	obj, err := s.client.GetObject(ctx, s.bucket, key, minio.GetObjectOptions{})
	if err != nil {
		return nil, fmt.Errorf("media.S3.Open: %w", err)
	}
	info, err := obj.Stat()
	if err != nil {
		obj.Close()
		if minio.ToErrorResponse(err).Code == "NoSuchKey" {
			return nil, news.Errorf(news.ENOTFOUND, "There is no such media file.")
		}
		return nil, fmt.Errorf("media.S3.Open %s: %w", key, err)
	}
	return s3Object{obj, info}, nil
}

// Delete removes the object under key.
func (s *S3) Delete(ctx context.Context, key string) error {
	if !ValidKey(key) {
		return news.Errorf(news.EINVALID, "%q is not a media file name.", key)
	}
	if err := s.client.RemoveObject(ctx, s.bucket, key, minio.RemoveObjectOptions{}); err != nil {
		return fmt.Errorf("media.S3.Delete %s: %w", key, err)
	}
	return nil
}

// OpenStorage returns the media storage spec names: "" for a media folder in
// dataDir, or an s3:// URL (see NewS3).
func OpenStorage(ctx context.Context, spec, dataDir string) (Storage, error) {
	switch {
	case spec == "":
		return NewDisk(dataDir + "/media")
	case strings.HasPrefix(spec, "s3://"):
		return NewS3(ctx, spec)
	}
	return nil, news.Errorf(news.EINVALID, "--media %q: leave it empty for the data directory, or give s3://BUCKET?endpoint=…&region=…", spec)
}
