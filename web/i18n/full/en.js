// full/en.js: the English words only the full decoder's answers use,
// loaded with it (i18n.js fullWords()) like full/ja.js; Go's sentences
// have their English in Go, so there are none here.
export const sentences = {};

// The names of the files only the full program reads and refuses (by their
// signatures: images, archives, programs ...), for its refusals; the kinds
// a paste can be (a key log, HTML, XML, SVG, a script, PEM) are in ../en.js.
export const words = {
  "kind.png": "a PNG image",
  "kind.jpeg": "a JPEG image",
  "kind.gif": "a GIF image",
  "kind.webp": "a WebP image",
  "kind.bmp": "a BMP image",
  "kind.tiff": "a TIFF image",
  "kind.ico": "an icon (ICO)",
  "kind.avif": "an AVIF image",
  "kind.heic": "a HEIC image",
  "kind.psd": "a Photoshop image",
  "kind.zip": "a ZIP archive",
  "kind.office": "an office document (Word, Excel, PowerPoint or OpenDocument)",
  "kind.ole": "an old office document (Word, Excel or PowerPoint 97-2003)",
  "kind.jar": "a Java archive",
  "kind.tar": "a tar archive",
  "kind.7z": "a 7-Zip archive",
  "kind.rar": "a RAR archive",
  "kind.bzip2": "a bzip2-compressed file",
  "kind.xz": "an xz-compressed file",
  "kind.zstd": "a zstd-compressed file",
  "kind.pdf": "a PDF document",
  "kind.elf": "an ELF executable",
  "kind.pe": "a Windows executable",
  "kind.macho": "a Mach-O executable",
  "kind.wasm": "a WebAssembly module",
  "kind.class": "a Java class file",
  "kind.sqlite": "an SQLite database",
  "kind.mp4": "an MP4 or QuickTime video",
  "kind.webm": "a WebM or Matroska video",
  "kind.ogg": "an Ogg audio or video file",
  "kind.wav": "a WAV audio file",
  "kind.avi": "an AVI video",
  "kind.mp3": "an MP3 audio file",
  "kind.flac": "a FLAC audio file",
  "kind.woff": "a web font",
  "kind.ttf": "a font",
};
