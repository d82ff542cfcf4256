#ifndef KEYWARD_CARCHIVE_SHIM_H
#define KEYWARD_CARCHIVE_SHIM_H
#include <archive.h>
#include <archive_entry.h>

/* Macros Swift cannot import, exposed as functions. */
static inline int keyward_archive_ok(void) { return ARCHIVE_OK; }
static inline int keyward_archive_eof(void) { return ARCHIVE_EOF; }
static inline int keyward_archive_warn(void) { return ARCHIVE_WARN; }
static inline int keyward_archive_failed(void) { return ARCHIVE_FAILED; }
static inline int keyward_archive_fatal(void) { return ARCHIVE_FATAL; }
static inline int keyward_archive_format_raw(void) { return ARCHIVE_FORMAT_RAW; }
static inline int keyward_archive_format_base_mask(void) { return ARCHIVE_FORMAT_BASE_MASK; }
static inline unsigned int keyward_archive_entry_ifreg(void) { return AE_IFREG; }
#endif
