# US dates written out, as a phone writes them ("December 2, 2026"), so a result built on the
# phone and one built on the server read the same. Spanish keeps Django's own formats.
DATE_FORMAT = "F j, Y"
