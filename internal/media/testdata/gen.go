//go:build ignore

// gen writes the small crafted files the media tests use. Run it from
// internal/media with `go run testdata/gen.go`; the files are committed, so
// it only needs running to change them.
package main

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"image/png"
	"log"
	"os"

	"github.com/gen2brain/webp"
)

// halves is a w×h picture, red on the left and blue on the right, so a test
// can tell which way up a rendition is.
func halves(w, h int) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			c := color.RGBA{200, 30, 30, 255}
			if x >= w/2 {
				c = color.RGBA{30, 30, 200, 255}
			}
			img.Set(x, y, c)
		}
	}
	return img
}

func write(name string, b []byte) {
	if err := os.WriteFile("testdata/"+name, b, 0o644); err != nil {
		log.Fatal(err)
	}
}

func main() {
	var buf bytes.Buffer
	must(jpeg.Encode(&buf, halves(96, 64), &jpeg.Options{Quality: 85}))
	plain := bytes.Clone(buf.Bytes())
	write("photo.jpg", plain)
	write("truncated.jpg", plain[:len(plain)*2/3])
	// A camera's JPEG: EXIF with orientation 6 (turn a quarter right) and a
	// GPS position, an XMP packet with the position again, and IPTC.
	write("gps.jpg", withMetadata(plain))

	buf.Reset()
	must(png.Encode(&buf, halves(80, 50)))
	write("picture.png", buf.Bytes())
	write("png-named.jpg", buf.Bytes())
	write("bomb.png", bombPNG(100000, 100000))

	buf.Reset()
	p := image.NewPaletted(image.Rect(0, 0, 40, 30), []color.Color{color.White, color.Black, color.RGBA{0, 128, 0, 255}})
	for i := range p.Pix {
		p.Pix[i] = uint8(i % 3)
	}
	must(gif.Encode(&buf, p, nil))
	write("picture.gif", buf.Bytes())

	anim := animation()
	write("animated.gif", anim)
	// Cut inside the last frame: the first frame alone still decodes.
	write("animated-truncated.gif", anim[:len(anim)-12])
	write("frames-bomb.gif", framesBomb())

	buf.Reset()
	must(webp.Encode(&buf, halves(64, 48), webp.Options{Quality: 80}))
	write("picture.webp", buf.Bytes())

	write("notes.jpg", []byte("These are my notes, not a picture.\nSee you at the council meeting.\n"))
}

func must(err error) {
	if err != nil {
		log.Fatal(err)
	}
}

// withMetadata puts APP1 (EXIF), APP1 (XMP) and APP13 (IPTC) segments after
// the JPEG's SOI marker.
func withMetadata(j []byte) []byte {
	var out bytes.Buffer
	out.Write(j[:2])
	segment(&out, 0xE1, append([]byte("Exif\x00\x00"), exifTIFF()...))
	segment(&out, 0xE1, []byte("http://ns.adobe.com/xap/1.0/\x00"+
		`<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">`+
		`<rdf:Description xmlns:exif="http://ns.adobe.com/exif/1.0/" exif:GPSLatitude="51,30.1234N" exif:GPSLongitude="0,7.5678W"/>`+
		`</rdf:RDF></x:xmpmeta>`))
	iptc := []byte("Photoshop 3.0\x008BIM\x04\x04\x00\x00\x00\x00\x00\x13\x1c\x02\x5a\x00\x0fSecret Location")
	segment(&out, 0xED, iptc)
	out.Write(j[2:])
	return out.Bytes()
}

func segment(w *bytes.Buffer, marker byte, payload []byte) {
	w.Write([]byte{0xFF, marker})
	binary.Write(w, binary.BigEndian, uint16(len(payload)+2))
	w.Write(payload)
}

// exifTIFF is a little-endian TIFF block: IFD0 with Orientation=6 and a
// GPSInfo pointer; the GPS IFD with latitude 51°30'N, longitude 0°7'W.
func exifTIFF() []byte {
	le := binary.LittleEndian
	var b bytes.Buffer
	b.WriteString("II")
	binary.Write(&b, le, uint16(42))
	binary.Write(&b, le, uint32(8))
	entry := func(tag, typ uint16, count, value uint32) {
		binary.Write(&b, le, tag)
		binary.Write(&b, le, typ)
		binary.Write(&b, le, count)
		binary.Write(&b, le, value)
	}
	// IFD0 at 8: 2 entries (2+24+4 = 30 bytes), GPS IFD at 38.
	binary.Write(&b, le, uint16(2))
	entry(0x0112, 3, 1, 6)
	entry(0x8825, 4, 1, 38)
	binary.Write(&b, le, uint32(0))
	// GPS IFD at 38: 4 entries (2+48+4 = 54 bytes), rationals from 92.
	binary.Write(&b, le, uint16(4))
	entry(0x0001, 2, 2, uint32('N'))
	entry(0x0002, 5, 3, 92)
	entry(0x0003, 2, 2, uint32('W'))
	entry(0x0004, 5, 3, 116)
	binary.Write(&b, le, uint32(0))
	for _, v := range []uint32{51, 1, 30, 1, 1234, 100, 0, 1, 7, 1, 5678, 100} {
		binary.Write(&b, le, v)
	}
	return b.Bytes()
}

// bombPNG is a valid PNG header claiming w×h pixels, with one tiny IDAT: a
// few hundred bytes that would ask a decoder for w×h×4 bytes of memory.
func bombPNG(w, h uint32) []byte {
	var b bytes.Buffer
	b.WriteString("\x89PNG\r\n\x1a\n")
	chunk := func(typ string, data []byte) {
		binary.Write(&b, binary.BigEndian, uint32(len(data)))
		c := append([]byte(typ), data...)
		b.Write(c)
		binary.Write(&b, binary.BigEndian, crc32.ChecksumIEEE(c))
	}
	ihdr := make([]byte, 13)
	binary.BigEndian.PutUint32(ihdr[0:], w)
	binary.BigEndian.PutUint32(ihdr[4:], h)
	ihdr[8], ihdr[9] = 8, 6 // 8-bit RGBA
	chunk("IHDR", ihdr)
	chunk("IDAT", []byte{0x78, 0x9c, 0x63, 0x00, 0x00, 0x00, 0x01, 0x00, 0x01})
	chunk("IEND", nil)
	return b.Bytes()
}

// animation is a 400×240 animated GIF of three frames that tests how frames
// are drawn: the red and blue halves, whole (10/100 s); a green square over
// them at (40,40)-(120,120), disposed of by restoring what was under it
// (20/100 s); a yellow square at (240,100)-(320,180) with a transparent hole
// at (260,120)-(300,160) through which the blue half shows (30/100 s). It
// loops for ever and carries a comment and an XMP block with a position,
// which no rendition may keep.
func animation() []byte {
	pal := color.Palette{
		color.RGBA{200, 30, 30, 255}, color.RGBA{30, 30, 200, 255},
		color.RGBA{30, 160, 60, 255}, color.RGBA{230, 200, 40, 255},
		color.RGBA{},
	}
	whole := image.NewPaletted(image.Rect(0, 0, 400, 240), pal)
	for y := 0; y < 240; y++ {
		for x := 0; x < 400; x++ {
			if x >= 200 {
				whole.SetColorIndex(x, y, 1)
			}
		}
	}
	green := image.NewPaletted(image.Rect(40, 40, 120, 120), pal)
	for i := range green.Pix {
		green.Pix[i] = 2
	}
	yellow := image.NewPaletted(image.Rect(240, 100, 320, 180), pal)
	for y := 100; y < 180; y++ {
		for x := 240; x < 320; x++ {
			c := uint8(3)
			if x >= 260 && x < 300 && y >= 120 && y < 160 {
				c = 4
			}
			yellow.SetColorIndex(x, y, c)
		}
	}
	var buf bytes.Buffer
	must(gif.EncodeAll(&buf, &gif.GIF{
		Image:    []*image.Paletted{whole, green, yellow},
		Delay:    []int{10, 20, 30},
		Disposal: []byte{gif.DisposalNone, gif.DisposalPrevious, gif.DisposalBackground},
		Config:   image.Config{ColorModel: pal, Width: 400, Height: 240},
	}))
	b := buf.Bytes()
	// After the header, the screen descriptor and the global colour table
	// (8 entries: 5 padded to a power of two).
	at := 13 + 3*8
	var meta bytes.Buffer
	meta.Write([]byte{0x21, 0xFE}) // comment
	subBlocks(&meta, []byte("Taken at the Secret Location, 51,30.1234N 0,7.5678W"))
	meta.Write([]byte{0x21, 0xFF, 11})
	meta.WriteString("XMP DataXMP")
	subBlocks(&meta, []byte(`<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/">`+
		`<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:xmp="http://ns.adobe.com/xap/1.0/" `+
		`xmlns:exif="http://ns.adobe.com/exif/1.0/" exif:GPSLatitude="51,30.1234N" exif:GPSLongitude="0,7.5678W"/>`+
		`</rdf:RDF></x:xmpmeta><?xpacket end="w"?>`))
	return append(append(append([]byte{}, b[:at]...), meta.Bytes()...), b[at:]...)
}

// subBlocks writes data as GIF data sub-blocks of at most 255 bytes, then
// the terminator.
func subBlocks(w *bytes.Buffer, data []byte) {
	for len(data) > 0 {
		n := min(len(data), 255)
		w.WriteByte(byte(n))
		w.Write(data[:n])
		data = data[n:]
	}
	w.WriteByte(0)
}

// framesBomb is a GIF of 10000 × 5000 pixels, 50 megapixels and so within
// the limit for a picture, animated in 5 frames of one pixel each: 250
// megapixels to draw for the renditions, in about a hundred bytes.
func framesBomb() []byte {
	pal := color.Palette{color.Black, color.White}
	g := &gif.GIF{Config: image.Config{ColorModel: pal, Width: 10000, Height: 5000}}
	for i := range 5 {
		p := image.NewPaletted(image.Rect(i, i, i+1, i+1), pal)
		p.Pix[0] = uint8(i % 2)
		g.Image = append(g.Image, p)
		g.Delay = append(g.Delay, 10)
	}
	var buf bytes.Buffer
	must(gif.EncodeAll(&buf, g))
	return buf.Bytes()
}
