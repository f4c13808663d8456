"""Static files for production: hashed names, brotli and gzip copies (WhiteNoise), and hashed
names inside ES module imports too.

Django rewrites `import ... from "./x.js"` only in *.js files, and only when asked. Our modules
are *.mjs, so without this a hashed main.<hash>.mjs would import an unhashed "./x.mjs": not
cacheable forever, and after a release an old cached module could load a newer file."""

from django.contrib.staticfiles.storage import HashedFilesMixin
from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    support_js_module_import_aggregation = True
    # Django's own import patterns (static, re-export, side-effect and dynamic imports), applied
    # to our *.mjs modules only: third-party *.js (the admin's) stays as it was shipped.
    _js_module_import_aggregation_patterns = (
        "*.mjs",
        HashedFilesMixin._js_module_import_aggregation_patterns[1],
    )
