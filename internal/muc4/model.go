package muc4

import (
	"bytes"
	"compress/gzip"
	"embed"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"os"
	"sort"
	"strconv"
	"sync"
)

// Header describes how the embedded model was made.
type Header struct {
	FeatureVersion int               `json:"feature_version"`
	Command        string            `json:"command"`
	Seed           uint64            `json:"seed"`
	TrainFiles     map[string]string `json:"train_files_sha256"`
	CV             map[string]string `json:"cv_dev,omitempty"` // cross-validated dev scores
	// CVNested are the cross-validated dev scores with thresholds tuned on the other
	// folds' out-of-fold scores only (nestedCV): CV tunes and scores on the same documents.
	CVNested map[string]string `json:"cv_dev_nested,omitempty"`
	// HeldOut are the scores on the dev documents a model trained with --holdout left out
	HeldOut map[string]string `json:"held_out,omitempty"`
	Params  map[string]string `json:"params,omitempty"`
}

// Model is everything Extract needs: the priors, the two linear models and the decision
// thresholds.
type Model struct {
	Header    Header
	Lex       *Lexicon
	Doc       *Linear   // incident type: 0 = no relevant incident, then Types
	Cand      *Linear   // candidate role: 0 = none, then Roles
	Stage2    *Linear   // per string and role: 0 = not a filler, 1 = filler
	Stage3    *Trees    // boosted trees correcting Stage2's probabilities (trees.go); may be nil
	Sent      *Linear   // sentence relevance: 1 = the sentence holds a filler
	Bag       *Linear   // per string, over the union of its occurrences' features; may be nil
	Bound     *Linear   // boundary model choosing each filler's form; may be nil
	Gate      *Linear   // role gate: does the document fill the role at all; may be nil
	Place     *Linear   // place ranker: 1 = the candidate is the incident's location; may be nil
	RoleDoc   []*Linear // per role: 1 = the document has a filler of the role; may be empty
	Types     []string
	Thresh    [NRoles]float64
	RelThresh float64
	MaxPer    [NRoles]int
	RoleGate  [NRoles]float64   // a role is filled only if its document model says at least this
	Places    map[string]string // normalized place name -> "COUNTRY: PLACE (TYPE)"
}

type linearJSON struct {
	K int                  `json:"k"`
	W map[string][]float32 `json:"w"` // hex feature hash -> weights
}

type modelJSON struct {
	Header    Header            `json:"header"`
	Lex       *Lexicon          `json:"lexicon"`
	Doc       linearJSON        `json:"doc_model"`
	Cand      linearJSON        `json:"cand_model"`
	Stage2    linearJSON        `json:"stage2_model"`
	Stage3    *Trees            `json:"stage3_trees,omitempty"`
	Sent      linearJSON        `json:"sentence_model"`
	Bag       *linearJSON       `json:"bag_model,omitempty"`
	Bound     *linearJSON       `json:"boundary_model,omitempty"`
	Gate      *linearJSON       `json:"gate_model,omitempty"`
	Place     *linearJSON       `json:"place_model,omitempty"`
	RoleDoc   []linearJSON      `json:"role_doc_models,omitempty"`
	Types     []string          `json:"types"`
	Thresh    [NRoles]float64   `json:"thresholds"`
	RelThresh float64           `json:"rel_threshold"`
	MaxPer    [NRoles]int       `json:"max_per_role"`
	RoleGate  [NRoles]float64   `json:"role_gate"`
	Places    map[string]string `json:"places"`
}

func (m *Linear) toJSON() linearJSON {
	j := linearJSON{K: m.K, W: make(map[string][]float32, len(m.Index))}
	for h, r := range m.Index {
		w := m.W[int(r)*m.K : int(r)*m.K+m.K]
		zero := true
		for _, v := range w {
			if v != 0 {
				zero = false
			}
		}
		if !zero {
			j.W[strconv.FormatUint(h, 36)] = w
		}
	}
	return j
}

func (j linearJSON) model() (*Linear, error) {
	m := &Linear{K: j.K, Index: make(map[uint64]int32, len(j.W)), W: make([]float32, 0, len(j.W)*j.K)}
	keys := make([]string, 0, len(j.W))
	for k := range j.W {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		h, err := strconv.ParseUint(k, 36, 64)
		if err != nil {
			return nil, fmt.Errorf("bad feature key %q: %w", k, err)
		}
		w := j.W[k]
		if len(w) != j.K {
			return nil, fmt.Errorf("feature %q has %d weights, want %d", k, len(w), j.K)
		}
		m.Index[h] = int32(len(m.Index))
		m.W = append(m.W, w...)
	}
	m.finalize()
	return m, nil
}

// Marshal encodes the model as deterministic gzipped JSON.
func (m *Model) Marshal() ([]byte, error) {
	mj := modelJSON{Header: m.Header, Lex: m.Lex, Doc: m.Doc.toJSON(), Cand: m.Cand.toJSON(), Stage2: m.Stage2.toJSON(), Sent: m.Sent.toJSON(),
		Types: m.Types, Thresh: m.Thresh, RelThresh: m.RelThresh, MaxPer: m.MaxPer, RoleGate: m.RoleGate, Places: m.Places,
		Stage3: m.Stage3}
	if m.Bag != nil {
		b := m.Bag.toJSON()
		mj.Bag = &b
	}
	if m.Bound != nil {
		b := m.Bound.toJSON()
		mj.Bound = &b
	}
	if m.Gate != nil {
		g := m.Gate.toJSON()
		mj.Gate = &g
	}
	if m.Place != nil {
		g := m.Place.toJSON()
		mj.Place = &g
	}
	for _, rm := range m.RoleDoc {
		mj.RoleDoc = append(mj.RoleDoc, rm.toJSON())
	}
	raw, err := json.Marshal(mj)
	if err != nil {
		return nil, fmt.Errorf("encode model: %w", err)
	}
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	if _, err := zw.Write(raw); err != nil {
		return nil, fmt.Errorf("compress model: %w", err)
	}
	if err := zw.Close(); err != nil {
		return nil, fmt.Errorf("compress model: %w", err)
	}
	return buf.Bytes(), nil
}

// Unmarshal decodes a model written by Marshal.
func Unmarshal(b []byte) (*Model, error) {
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		return nil, fmt.Errorf("decompress model: %w", err)
	}
	// the gzip trailer's last four bytes are the uncompressed size (modulo 2^32): room
	// for it up front spares io.ReadAll's growing and copying of the 11 MB. It is only a
	// hint, bounded in case the input is not one of ours.
	var out bytes.Buffer
	if n := len(b); n >= 4 {
		size := min(int(binary.LittleEndian.Uint32(b[n-4:])), 32*n)
		out.Grow(size + bytes.MinRead)
	}
	if _, err := out.ReadFrom(zr); err != nil {
		return nil, fmt.Errorf("decompress model: %w", err)
	}
	raw := out.Bytes()
	var mj modelJSON
	if err := json.Unmarshal(raw, &mj); err != nil {
		return nil, fmt.Errorf("decode model: %w", err)
	}
	if mj.Lex == nil {
		return nil, fmt.Errorf("decode model: no lexicon")
	}
	mj.Lex.index()
	m := &Model{Header: mj.Header, Lex: mj.Lex, Types: mj.Types, Thresh: mj.Thresh,
		RelThresh: mj.RelThresh, MaxPer: mj.MaxPer, RoleGate: mj.RoleGate, Places: mj.Places}
	if m.Doc, err = mj.Doc.model(); err != nil {
		return nil, fmt.Errorf("decode doc model: %w", err)
	}
	if m.Cand, err = mj.Cand.model(); err != nil {
		return nil, fmt.Errorf("decode candidate model: %w", err)
	}
	if mj.Bag != nil {
		if m.Bag, err = mj.Bag.model(); err != nil {
			return nil, fmt.Errorf("decode bag model: %w", err)
		}
	}
	if mj.Bound != nil {
		if m.Bound, err = mj.Bound.model(); err != nil {
			return nil, fmt.Errorf("decode boundary model: %w", err)
		}
		if m.Bound.K != 2 {
			return nil, fmt.Errorf("decode model: boundary model has %d classes", m.Bound.K)
		}
	}
	if mj.Gate != nil {
		if m.Gate, err = mj.Gate.model(); err != nil {
			return nil, fmt.Errorf("decode gate model: %w", err)
		}
		if m.Gate.K != 2 {
			return nil, fmt.Errorf("decode model: gate model has %d classes", m.Gate.K)
		}
	}
	if mj.Place != nil {
		if m.Place, err = mj.Place.model(); err != nil {
			return nil, fmt.Errorf("decode place model: %w", err)
		}
		if m.Place.K != 2 {
			return nil, fmt.Errorf("decode model: place model has %d classes", m.Place.K)
		}
	}
	for r, rj := range mj.RoleDoc {
		rm, err := rj.model()
		if err != nil {
			return nil, fmt.Errorf("decode role %d document model: %w", r, err)
		}
		if rm.K != 2 {
			return nil, fmt.Errorf("decode model: role document model has %d classes", rm.K)
		}
		m.RoleDoc = append(m.RoleDoc, rm)
	}
	if len(m.RoleDoc) != 0 && len(m.RoleDoc) != NRoles {
		return nil, fmt.Errorf("decode model: %d role document models", len(m.RoleDoc))
	}
	if m.Sent, err = mj.Sent.model(); err != nil {
		return nil, fmt.Errorf("decode sentence model: %w", err)
	}
	if m.Sent.K != 2 {
		return nil, fmt.Errorf("decode model: sentence model has %d classes", m.Sent.K)
	}
	if m.Stage2, err = mj.Stage2.model(); err != nil {
		return nil, fmt.Errorf("decode stage 2 model: %w", err)
	}
	if mj.Stage3 != nil {
		if err := mj.Stage3.check(stage3Width); err != nil {
			return nil, fmt.Errorf("decode stage 3 trees: %w", err)
		}
		m.Stage3 = mj.Stage3
	}
	if m.Stage2.K != 2 || !m.Cand.isCand() || m.Doc.K != len(m.Types)+1 {
		return nil, fmt.Errorf("decode model: class counts %d/%d do not fit", m.Cand.K, m.Doc.K)
	}
	return m, nil
}

// ModelFile is the name of the embedded model under data/.
const ModelFile = "model.json.gz"

//go:embed data
var dataFS embed.FS

// LoadModel returns the embedded model, decoded once.
var LoadModel = sync.OnceValues(func() (*Model, error) {
	b, err := dataFS.ReadFile("data/" + ModelFile)
	if err != nil {
		return nil, fmt.Errorf("load muc4 model: %w", err)
	}
	m, err := decodeModel(b)
	if err != nil {
		return nil, fmt.Errorf("load muc4 model: %w (run go generate ./internal/muc4)", err)
	}
	return m, nil
})

// ReadModel reads a model file written by sitrep train muc4 (its model.json.gz, for
// example of a --holdout run), so that one model can be scored with later code.
func ReadModel(path string) (*Model, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read muc4 model: %w", err)
	}
	m, err := decodeModel(b)
	if err != nil {
		return nil, fmt.Errorf("read muc4 model %s: %w (retrain it with sitrep train muc4)", path, err)
	}
	return m, nil
}

// decodeModel decodes a model and checks that it was made for this code's features.
func decodeModel(b []byte) (*Model, error) {
	m, err := Unmarshal(b)
	if err != nil {
		return nil, err
	}
	if m.Header.FeatureVersion != FeatureVersion {
		return nil, fmt.Errorf("feature version %d, code has %d", m.Header.FeatureVersion, FeatureVersion)
	}
	return m, nil
}
