// Command atelier is the data-visualisation workshop server and its command line:
//
//	atelier serve  [-addr 127.0.0.1:8080] [-data ./data] [-demo]
//	atelier import [-data DIR] [-name NAME] [-title T] FILE
//	atelier page import [-data DIR] [-slug S] [-publish] FILE.md
//	atelier page export [-data DIR] SLUG
//	atelier export page [-data DIR] SLUG -o page.html
//	atelier user add [-data DIR] -email E [-role facilitator|admin]   (password on stdin)
//
// Every flag has an ATELIER_* environment variable (ATELIER_ADDR, ATELIER_DATA); a flag given
// on the command line wins.
package main
