package admin

import (
	"archive/zip"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strings"

	"masthead/internal/news"
	"masthead/internal/redirect"
	"masthead/internal/store"
)

// The limits of an import upload: the export and the zip of uploads
// together, and what the zip may unpack to.
const (
	maxImportRequest = 2 << 30
	maxUnzipped      = 8 << 30
	maxZipFiles      = 200000
)

// importPage shows the upload form and the imports started from here,
// with their progress and reports.
func (a *Admin) importPage(w http.ResponseWriter, r *http.Request, u *news.User) {
	a.renderImport(w, r, u, http.StatusOK, page{})
}

func (a *Admin) renderImport(w http.ResponseWriter, r *http.Request, u *news.User, status int, p page) {
	runs, err := a.store.ImportRuns(r.Context(), 20)
	if err != nil {
		a.serverError(w, r, err)
		return
	}
	p.Title, p.User, p.Data = "Import from WordPress", u, runs
	a.render(w, r, status, "import", p)
}

// startImport takes an export (and optionally a zip of wp-content/uploads),
// keeps them in the data directory and queues the import, which a
// background job runs (see wordpress.Jobs).
func (a *Admin) startImport(w http.ResponseWriter, r *http.Request, u *news.User) {
	if a.cfg.DataDir == "" {
		a.notFound(w, r)
		return
	}
	fail := func(status int, msg string) { a.renderImport(w, r, u, status, page{Error: msg}) }
	r.Body = http.MaxBytesReader(w, r.Body, maxImportRequest)
	reader, err := r.MultipartReader()
	if err != nil {
		fail(http.StatusBadRequest, "Send the export as a file upload.")
		return
	}
	dir := filepath.Join(a.cfg.DataDir, "imports", randomName())
	if err := os.MkdirAll(dir, 0o750); err != nil {
		a.serverError(w, r, err)
		return
	}
	run := store.ImportRun{CreatedBy: u.ID}
	keep := false
	defer func() {
		if !keep {
			os.RemoveAll(dir)
		}
	}()
	for {
		part, err := reader.NextPart()
		if errors.Is(err, io.EOF) {
			break
		}
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			fail(http.StatusRequestEntityTooLarge, "The upload is larger than 2 GB in all; nothing was imported.")
			return
		}
		if err != nil {
			fail(http.StatusBadRequest, "The upload was cut short; nothing was imported.")
			return
		}
		switch part.FormName() {
		case "default_section":
			b, _ := io.ReadAll(io.LimitReader(part, 200))
			run.DefaultSection = strings.TrimSpace(string(b))
		case "export", "uploads":
			if part.FileName() == "" {
				continue
			}
			name := filepath.Join(dir, part.FormName())
			if err := saveFile(name, part); err != nil {
				if errors.As(err, &tooBig) {
					fail(http.StatusRequestEntityTooLarge, "The upload is larger than 2 GB in all; nothing was imported.")
					return
				}
				a.serverError(w, r, err)
				return
			}
			if part.FormName() == "export" {
				run.File = name
			} else {
				run.Uploads = filepath.Join(dir, "files")
				if err := unzipUploads(name, run.Uploads); err != nil {
					fail(http.StatusUnprocessableEntity, "The uploads zip cannot be used: "+err.Error()+" Nothing was imported.")
					return
				}
				os.Remove(name)
			}
		}
	}
	if run.File == "" {
		fail(http.StatusUnprocessableEntity, "Choose the export file (from WordPress: Tools → Export → All content).")
		return
	}
	if err := a.store.CreateImportRun(r.Context(), &run); err != nil {
		a.serverError(w, r, err)
		return
	}
	keep = true
	a.audit(r, news.AuditEntry{UserID: u.ID, Email: u.Email, Action: "import.start", Subject: fmt.Sprintf("import:%d", run.ID)})
	redirect.To(w, r, "/admin/import", http.StatusSeeOther)
}

func saveFile(name string, r io.Reader) error {
	f, err := os.OpenFile(name, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o640)
	if err != nil {
		return err
	}
	_, err = io.Copy(f, r)
	return errors.Join(err, f.Close())
}

// unzipUploads unpacks a zip of the uploads folder into dir: the files
// under its "uploads/" folder if it has one (a zip of wp-content), else
// all of it. A name that would leave dir, a link, and more files or bytes
// than the limits are refused.
func unzipUploads(file, dir string) error {
	zr, err := zip.OpenReader(file)
	if err != nil {
		return fmt.Errorf("it is not a zip file.")
	}
	defer zr.Close()
	if len(zr.File) > maxZipFiles {
		return fmt.Errorf("it holds more than %d files.", maxZipFiles)
	}
	prefix := ""
	for _, f := range zr.File {
		if i := strings.Index(f.Name, "uploads/"); i >= 0 && (i == 0 || f.Name[i-1] == '/') {
			prefix = f.Name[:i+len("uploads/")]
			break
		}
	}
	var total int64
	for _, f := range zr.File {
		if !strings.HasPrefix(f.Name, prefix) || !f.Mode().IsRegular() {
			continue
		}
		rel := path.Clean("/" + strings.TrimPrefix(f.Name, prefix))
		if strings.Contains(f.Name, "..") || strings.ContainsRune(f.Name, '\\') || rel == "/" {
			return fmt.Errorf("the name %q leaves the folder.", f.Name)
		}
		target := filepath.Join(dir, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(target), 0o750); err != nil {
			return err
		}
		rc, err := f.Open()
		if err != nil {
			return fmt.Errorf("%s cannot be read.", f.Name)
		}
		n, err := copyLimited(target, rc, maxUnzipped-total)
		rc.Close()
		total += n
		if err != nil {
			return err
		}
	}
	return nil
}

func copyLimited(target string, r io.Reader, left int64) (int64, error) {
	out, err := os.OpenFile(target, os.O_CREATE|os.O_TRUNC|os.O_WRONLY, 0o640)
	if err != nil {
		return 0, err
	}
	n, err := io.Copy(out, io.LimitReader(r, left+1))
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return n, fmt.Errorf("a file cannot be unpacked.")
	}
	if n > left {
		return n, fmt.Errorf("it unpacks to more than 8 GB.")
	}
	return n, nil
}

func randomName() string {
	var b [9]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}
