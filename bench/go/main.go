// goref: a minimal Go reference client for `npm run bench` (standard library only, Go 1.19+).
// It does what oras does on the wire and nothing more: no retries, auth, progress or temp files.
//
//	goref pull [-c 3] <host:port> <repository> <tag> <output-dir>
//	    GET the manifest, then for every layer titled with org.opencontainers.image.title:
//	    one GET → SHA-256 → file, verified against the descriptor's size and digest.
//	goref push [-c 5] <host:port> <repository> <tag> <file>...
//	    per blob (the files and the empty config): SHA-256 of the file, HEAD, POST, one monolithic
//	    PUT ?digest=; then PUT of an OCI image manifest (artifactType application/vnd.unknown.artifact.v1).
//
// Plain HTTP only; meant for a registry on 127.0.0.1.
package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
)

const (
	manifestType = "application/vnd.oci.image.manifest.v1+json"
	layerType    = "application/vnd.oci.image.layer.v1.tar"
	emptyType    = "application/vnd.oci.empty.v1+json"
	titleKey     = "org.opencontainers.image.title"
	bufSize      = 1 << 20
)

type descriptor struct {
	MediaType   string            `json:"mediaType"`
	Digest      string            `json:"digest"`
	Size        int64             `json:"size"`
	Annotations map[string]string `json:"annotations,omitempty"`
}

type manifest struct {
	SchemaVersion int          `json:"schemaVersion"`
	MediaType     string       `json:"mediaType"`
	ArtifactType  string       `json:"artifactType,omitempty"`
	Config        descriptor   `json:"config"`
	Layers        []descriptor `json:"layers"`
}

var client *http.Client

func newClient(conc int) *http.Client {
	return &http.Client{Transport: &http.Transport{
		MaxIdleConnsPerHost: conc + 1,
		DisableCompression:  true,
		WriteBufferSize:     bufSize,
		ReadBufferSize:      bufSize,
	}}
}

func fail(format string, a ...interface{}) {
	fmt.Fprintf(os.Stderr, "goref: "+format+"\n", a...)
	os.Exit(1)
}

// each runs job(i) for i in [0, n) with at most conc running at once; returns the first error.
func each(n, conc int, job func(i int) error) error {
	var (
		wg    sync.WaitGroup
		mu    sync.Mutex
		first error
		next  int
	)
	for w := 0; w < conc && w < n; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				mu.Lock()
				if next >= n || first != nil {
					mu.Unlock()
					return
				}
				i := next
				next++
				mu.Unlock()
				if err := job(i); err != nil {
					mu.Lock()
					if first == nil {
						first = err
					}
					mu.Unlock()
					return
				}
			}
		}()
	}
	wg.Wait()
	return first
}

func do(req *http.Request, want int) (*http.Response, error) {
	res, err := client.Do(req)
	if err != nil {
		return nil, err
	}
	if res.StatusCode != want {
		io.Copy(io.Discard, io.LimitReader(res.Body, 4096))
		res.Body.Close()
		return nil, fmt.Errorf("%s %s: status %d", req.Method, req.URL.Path, res.StatusCode)
	}
	return res, nil
}

// ---- pull -----------------------------------------------------------------------------------

func pullBlob(base, repo, dir string, d descriptor) error {
	name := d.Annotations[titleKey]
	if name == "" || filepath.IsAbs(name) || strings.Contains(name, "..") {
		return fmt.Errorf("refusing title %q", name)
	}
	req, _ := http.NewRequest("GET", base+"/v2/"+repo+"/blobs/"+d.Digest, nil)
	res, err := do(req, http.StatusOK)
	if err != nil {
		return err
	}
	defer res.Body.Close()
	path := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	h := sha256.New()
	n, err := io.CopyBuffer(io.MultiWriter(f, h), res.Body, make([]byte, bufSize))
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil && (n != d.Size || "sha256:"+hex.EncodeToString(h.Sum(nil)) != d.Digest) {
		err = fmt.Errorf("%s: size or digest mismatch", d.Digest)
	}
	if err != nil {
		os.Remove(path)
	}
	return err
}

func pull(args []string) {
	fs := flag.NewFlagSet("pull", flag.ExitOnError)
	conc := fs.Int("c", 3, "concurrent blob downloads")
	fs.Parse(args)
	if fs.NArg() != 4 {
		fail("usage: goref pull [-c n] <host:port> <repository> <tag> <output-dir>")
	}
	base, repo, tag, dir := "http://"+fs.Arg(0), fs.Arg(1), fs.Arg(2), fs.Arg(3)
	client = newClient(*conc)
	req, _ := http.NewRequest("GET", base+"/v2/"+repo+"/manifests/"+tag, nil)
	req.Header.Set("Accept", manifestType)
	res, err := do(req, http.StatusOK)
	if err != nil {
		fail("%v", err)
	}
	var m manifest
	err = json.NewDecoder(io.LimitReader(res.Body, 4<<20)).Decode(&m)
	res.Body.Close()
	if err != nil {
		fail("manifest: %v", err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		fail("%v", err)
	}
	var titled []descriptor
	for _, l := range m.Layers {
		if l.Annotations[titleKey] != "" {
			titled = append(titled, l)
		}
	}
	if err := each(len(titled), *conc, func(i int) error { return pullBlob(base, repo, dir, titled[i]) }); err != nil {
		fail("%v", err)
	}
}

// ---- push -----------------------------------------------------------------------------------

func digestFile(path string) (descriptor, error) {
	f, err := os.Open(path)
	if err != nil {
		return descriptor{}, err
	}
	defer f.Close()
	h := sha256.New()
	n, err := io.CopyBuffer(h, f, make([]byte, bufSize))
	if err != nil {
		return descriptor{}, err
	}
	return descriptor{MediaType: layerType, Digest: "sha256:" + hex.EncodeToString(h.Sum(nil)), Size: n}, nil
}

// pushBlob sends HEAD (exists?), POST (upload session) and one PUT ?digest= with the whole body.
func pushBlob(base, repo string, d descriptor, body func() (io.ReadCloser, error)) error {
	req, _ := http.NewRequest("HEAD", base+"/v2/"+repo+"/blobs/"+d.Digest, nil)
	res, err := client.Do(req)
	if err != nil {
		return err
	}
	res.Body.Close()
	if res.StatusCode == http.StatusOK {
		return nil
	}
	req, _ = http.NewRequest("POST", base+"/v2/"+repo+"/blobs/uploads/", nil)
	if res, err = do(req, http.StatusAccepted); err != nil {
		return err
	}
	res.Body.Close()
	loc, err := res.Request.URL.Parse(res.Header.Get("Location"))
	if err != nil {
		return err
	}
	q := loc.Query()
	q.Set("digest", d.Digest)
	loc.RawQuery = q.Encode()
	rc, err := body()
	if err != nil {
		return err
	}
	req, _ = http.NewRequest("PUT", loc.String(), rc)
	req.ContentLength = d.Size
	req.Header.Set("Content-Type", "application/octet-stream")
	if res, err = do(req, http.StatusCreated); err != nil {
		return err
	}
	res.Body.Close()
	return nil
}

func push(args []string) {
	fs := flag.NewFlagSet("push", flag.ExitOnError)
	conc := fs.Int("c", 5, "concurrent blob uploads")
	fs.Parse(args)
	if fs.NArg() < 4 {
		fail("usage: goref push [-c n] <host:port> <repository> <tag> <file>...")
	}
	base, repo, tag, files := "http://"+fs.Arg(0), fs.Arg(1), fs.Arg(2), fs.Args()[3:]
	client = newClient(*conc)
	layers := make([]descriptor, len(files))
	err := each(len(files), *conc, func(i int) error {
		d, err := digestFile(files[i])
		if err != nil {
			return err
		}
		d.Annotations = map[string]string{titleKey: filepath.ToSlash(filepath.Clean(files[i]))}
		layers[i] = d
		return pushBlob(base, repo, d, func() (io.ReadCloser, error) { return os.Open(files[i]) })
	})
	if err != nil {
		fail("%v", err)
	}
	empty := []byte("{}")
	sum := sha256.Sum256(empty)
	config := descriptor{MediaType: emptyType, Digest: "sha256:" + hex.EncodeToString(sum[:]), Size: int64(len(empty))}
	if err := pushBlob(base, repo, config, func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(empty)), nil }); err != nil {
		fail("%v", err)
	}
	body, _ := json.Marshal(manifest{
		SchemaVersion: 2,
		MediaType:     manifestType,
		ArtifactType:  "application/vnd.unknown.artifact.v1",
		Config:        config,
		Layers:        layers,
	})
	req, _ := http.NewRequest("PUT", base+"/v2/"+repo+"/manifests/"+url.PathEscape(tag), bytes.NewReader(body))
	req.Header.Set("Content-Type", manifestType)
	res, err := do(req, http.StatusCreated)
	if err != nil {
		fail("%v", err)
	}
	res.Body.Close()
}

func main() {
	if len(os.Args) < 2 {
		fail("usage: goref pull|push ...")
	}
	switch os.Args[1] {
	case "pull":
		pull(os.Args[2:])
	case "push":
		push(os.Args[2:])
	default:
		fail("unknown command %q (pull or push)", os.Args[1])
	}
}
