"""Crawl: poll the sources (feeds, sitemaps, listing pages), fetch each new page
politely, reduce it to text and metadata (HTML with trafilatura, PDF with
pdfplumber), and keep duplicates apart."""
