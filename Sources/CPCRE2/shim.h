#ifndef KEYWARD_CPCRE2_SHIM_H
#define KEYWARD_CPCRE2_SHIM_H
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

/* Macros Swift cannot import, exposed as functions. */
static inline size_t keyward_pcre2_unset(void) { return PCRE2_UNSET; }
static inline size_t keyward_pcre2_zero_terminated(void) { return PCRE2_ZERO_TERMINATED; }
#endif
