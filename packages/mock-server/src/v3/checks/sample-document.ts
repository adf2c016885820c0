// The bytes of `examples/sample-id-document.png` (a test checks they are the same), so the rule
// of `POST /v3/id-verification/` needs no file system: upload that file and the mock answers the
// spec's example extraction.

export const SAMPLE_DOCUMENT_BASE64 =
  'iVBORw0KGgoAAAANSUhEUgAAAHgAAABMCAIAAAAp7eQ+AAAA0klEQVR42u3dsRFAMBiAUZOkNkTqrKFRq02itoGNDGAAtUKjo0m4eO4rXMpX/CdyTtOmUQVqEBSFXrddmQINGrRAgwYNGjRogQYNGvQXoKd5yRRo0P+AjjFVEGjQRgfoN6G7fngYaNCgQYMGDRr0N6FtWEDXBW10gAYNGjRo0KBBg/bi31EWaGeGRgdo0KBBgwYNGjRo0DYsoO0MjQ7QoEGDBg3aB50CDVqgQYMWaNC6hw4hXO/Py8rDFdCgQUPMCy1PHaAFGjRogQatO2j5s1AlHdi5hZBNeaZBAAAAAElFTkSuQmCC';
