#ifndef KEYWARD_CCURL_LOADER_H
#define KEYWARD_CCURL_LOADER_H
/*
 * libcurl opened at run time: keyward never links libcurl, so a scan's start-up loads none of its
 * dependency tree. <curl/curl.h> is included for its types and constants only; every call goes
 * through a pointer dlsym'd from libcurl.so.4 by ccurl_load().
 *
 * The wrappers are not variadic (Swift cannot call a variadic C function through a pointer): one per
 * argument type of curl_easy_setopt and curl_easy_getinfo. Before ccurl_load() has succeeded they
 * return CURLE_FAILED_INIT or NULL and call nothing.
 */
#define CURL_DISABLE_TYPECHECK 1
#include <curl/curl.h>
#include <stddef.h>

/* The library opened first, then the unversioned name (a development symlink) as a fallback. */
#define CCURL_LIBRARY_NAME "libcurl.so.4"

/* curl_write_callback's shape: CURLOPT_WRITEFUNCTION and CURLOPT_HEADERFUNCTION. */
typedef size_t (*ccurl_data_callback)(char *data, size_t size, size_t count, void *context);

/*
 * Opens libcurl, resolves its functions and runs curl_global_init, once per process (pthread_once;
 * safe from any thread). Returns 1 when libcurl is usable. Otherwise 0, and ccurl_load_error()
 * says why (the dynamic loader's message, or the missing symbol); the failure is remembered.
 */
int ccurl_load(void);
/* Why ccurl_load() failed ("" when it has not). */
const char *ccurl_load_error(void);

CURL *ccurl_easy_init(void);
CURLcode ccurl_easy_perform(CURL *handle);
void ccurl_easy_cleanup(CURL *handle);
/* A static description of `code` ("" before loading). */
const char *ccurl_easy_strerror(CURLcode code);

CURLcode ccurl_setopt_long(CURL *handle, CURLoption option, long value);
CURLcode ccurl_setopt_off_t(CURL *handle, CURLoption option, curl_off_t value);
/* A string option: libcurl copies the string. */
CURLcode ccurl_setopt_string(CURL *handle, CURLoption option, const char *value);
/* A pointer option (CURLOPT_POSTFIELDS, CURLOPT_ERRORBUFFER, CURLOPT_HTTPHEADER, *DATA): not copied. */
CURLcode ccurl_setopt_pointer(CURL *handle, CURLoption option, void *value);
CURLcode ccurl_setopt_data_callback(CURL *handle, CURLoption option, ccurl_data_callback callback);
/* Only http and https: CURLOPT_PROTOCOLS_STR, or the older CURLOPT_PROTOCOLS bit mask. */
CURLcode ccurl_restrict_to_http(CURL *handle);

CURLcode ccurl_getinfo_long(CURL *handle, CURLINFO info, long *value);

struct curl_slist *ccurl_slist_append(struct curl_slist *list, const char *line);
void ccurl_slist_free_all(struct curl_slist *list);

#endif
