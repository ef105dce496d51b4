"""Files written beside the pages: open data, feed, QR codes, leaflets, branch screen."""
