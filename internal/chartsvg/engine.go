package chartsvg

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"strconv"
	"sync"
	"time"

	"github.com/dop251/goja"
)

// Sources are the scripts a runtime runs, in order: ECharts' bundle, then atelier's chart
// scripts (chartformat.js, chartoptions.js), each named for error messages.
type Sources struct {
	ECharts []byte
	Scripts []Script
}

// Script is one of atelier's static scripts.
type Script struct {
	Name string
	Body []byte
}

// Options bound an engine. Zero values take the defaults.
type Options struct {
	Runtimes     int           // JavaScript runtimes alive at once (default 2: one per core here)
	Timeout      time.Duration // for one chart, after which its runtime is interrupted (default 10 s: a map is ~0.5 s of CPU)
	CacheEntries int           // drawings kept (default 512, a few hundred kilobytes each at most)
	Retire       int           // draws after which a runtime is dropped for a fresh one (default 500)
}

// Engine draws charts as SVG with ECharts' server-side renderer, in a small pool of goja
// runtimes created when first needed. Safe for concurrent use.
type Engine struct {
	src   Sources
	opts  Options
	slots chan struct{} // one token per runtime alive
	idle  chan *vm      // runtimes waiting for a chart
	cache *cache

	mu      sync.Mutex
	created int // runtimes created so far, for tests and the benchmark
}

// vm is one goja runtime with ECharts and atelier's scripts loaded.
type vm struct {
	rt    *goja.Runtime
	draw  goja.Callable
	draws int
}

// ErrTimeout is returned when a chart took longer than Options.Timeout to draw.
var ErrTimeout = errors.New("chartsvg: drawing took too long")

// New returns an engine that runs src; no runtime is created until the first Draw.
func New(src Sources, opts Options) *Engine {
	if opts.Runtimes <= 0 {
		opts.Runtimes = 2
	}
	if opts.Timeout <= 0 {
		opts.Timeout = 10 * time.Second
	}
	if opts.CacheEntries <= 0 {
		opts.CacheEntries = 512
	}
	if opts.Retire <= 0 {
		opts.Retire = 500
	}
	return &Engine{
		src: src, opts: opts,
		slots: make(chan struct{}, opts.Runtimes),
		idle:  make(chan *vm, opts.Runtimes),
		cache: newCache(opts.CacheEntries),
	}
}

// Created is how many runtimes the engine has created.
func (e *Engine) Created() int {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.created
}

// DrawSVG draws a chart, given as the JSON its figure carries for atelier.js (type, options,
// format, map), at width pixels; blockHeight is the block's own height (data-height), which
// the layout adjusts on a phone. It returns the sanitised, accessible SVG and its height.
// Drawings are cached by all of their inputs: the options hold the dataset version's data,
// so a new version draws anew.
func (e *Engine) DrawSVG(ctx context.Context, spec []byte, width, blockHeight int, title, description string) (string, int, error) {
	key := sha256.Sum256(fmt.Appendf(nil, "%d\x00%d\x00%s\x00%s\x00%s", width, blockHeight, title, description, spec))
	if d, ok := e.cache.Get(key); ok {
		return d.svg, d.height, nil
	}
	raw, height, err := e.drawRaw(ctx, spec, width, blockHeight)
	if err != nil {
		return "", 0, err
	}
	svg, err := Sanitize(raw, title, description, fmt.Sprintf("c%x-", key[:4]))
	if err != nil {
		return "", 0, err
	}
	e.cache.Put(key, drawing{svg: svg, height: height})
	return svg, height, nil
}

func (e *Engine) drawRaw(ctx context.Context, spec []byte, width, blockHeight int) (string, int, error) {
	v, err := e.acquire(ctx)
	if err != nil {
		return "", 0, err
	}
	broken := true
	defer func() { e.release(v, broken) }()

	stop := context.AfterFunc(ctx, func() { v.rt.Interrupt(ctx.Err()) })
	timer := time.AfterFunc(e.opts.Timeout, func() { v.rt.Interrupt(ErrTimeout) })
	res, err := v.draw(goja.Undefined(), v.rt.ToValue(string(spec)), v.rt.ToValue(width), v.rt.ToValue(blockHeight))
	timer.Stop()
	stop()
	var interrupted *goja.InterruptedError
	if errors.As(err, &interrupted) {
		if cause, ok := interrupted.Value().(error); ok {
			return "", 0, cause
		}
		return "", 0, ErrTimeout
	}
	broken = false // a script error leaves the runtime usable: the chart was disposed
	if err != nil {
		return "", 0, fmt.Errorf("chartsvg: %w", err)
	}
	obj := res.ToObject(v.rt)
	h, _ := strconv.Atoi(obj.Get("height").String())
	return obj.Get("svg").String(), h, nil
}

// acquire takes an idle runtime, or creates one while fewer than Options.Runtimes exist,
// or waits for one to come back.
func (e *Engine) acquire(ctx context.Context) (*vm, error) {
	if err := ctx.Err(); err != nil {
		return nil, err // a save already given up: no runtime to create for it
	}
	select {
	case v := <-e.idle:
		return v, nil
	default:
	}
	select {
	case v := <-e.idle:
		return v, nil
	case e.slots <- struct{}{}:
		v, err := e.newVM()
		if err != nil {
			<-e.slots
			return nil, err
		}
		return v, nil
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// release gives a runtime back; an interrupted one, or one that has drawn many charts (maps
// stay registered in it), is dropped and its slot freed for a fresh runtime.
func (e *Engine) release(v *vm, broken bool) {
	v.draws++
	if broken || v.draws >= e.opts.Retire {
		<-e.slots
		return
	}
	v.rt.ClearInterrupt()
	e.idle <- v
}

func (e *Engine) newVM() (*vm, error) {
	rt := goja.New()
	if err := installHost(rt); err != nil {
		return nil, err
	}
	timer := time.AfterFunc(30*time.Second, func() { rt.Interrupt(ErrTimeout) })
	defer timer.Stop()
	if _, err := rt.RunScript("echarts.min.js", string(e.src.ECharts)); err != nil {
		return nil, fmt.Errorf("chartsvg: loading ECharts: %w", err)
	}
	for _, s := range e.src.Scripts {
		if _, err := rt.RunScript(s.Name, string(s.Body)); err != nil {
			return nil, fmt.Errorf("chartsvg: loading %s: %w", s.Name, err)
		}
	}
	if _, err := rt.RunScript("draw.js", drawScript); err != nil {
		return nil, fmt.Errorf("chartsvg: %w", err)
	}
	draw, ok := goja.AssertFunction(rt.Get("atelierDrawSVG"))
	if !ok {
		return nil, errors.New("chartsvg: atelierDrawSVG is not a function")
	}
	e.mu.Lock()
	e.created++
	e.mu.Unlock()
	return &vm{rt: rt, draw: draw}, nil
}
