package portal

import (
	"fmt"
	"html/template"
	"strings"

	"github.com/yeqown/go-qrcode/v2"
)

// quietZone is the blank margin, in modules, a scanner needs around a QR code.
const quietZone = 4

// bitmapWriter keeps the QR code's modules instead of drawing an image: the
// portal draws them itself as inline SVG, which prints sharp at any size and
// needs no image route.
type bitmapWriter struct{ bits [][]bool }

func (w *bitmapWriter) Write(m qrcode.Matrix) error { w.bits = m.Bitmap(); return nil }
func (w *bitmapWriter) Close() error                { return nil }

// qrSVG draws text as a QR code in an SVG element labelled for screen readers.
// Low error correction keeps a whole credential (about a kilobyte) in a code
// that still scans from paper and screens, which are clean media.
func qrSVG(text, label string) (template.HTML, error) {
	q, err := qrcode.NewWith(text, qrcode.WithErrorCorrectionLevel(qrcode.ErrorCorrectionLow))
	if err != nil {
		return "", err
	}
	var w bitmapWriter
	if err := q.Save(&w); err != nil {
		return "", err
	}
	n := len(w.bits) + 2*quietZone
	var path strings.Builder
	for y, row := range w.bits {
		for x, dark := range row {
			if dark {
				fmt.Fprintf(&path, "M%d %dh1v1h-1z", x+quietZone, y+quietZone)
			}
		}
	}
	return template.HTML(fmt.Sprintf(`<svg class="qr" role="img" aria-label="%s" viewBox="0 0 %d %d" xmlns="http://www.w3.org/2000/svg" shape-rendering="crispEdges">`+
		`<rect width="%d" height="%d" fill="#fff"/><path fill="#000" d="%s"/></svg>`,
		template.HTMLEscapeString(label), n, n, n, n, path.String())), nil
}
