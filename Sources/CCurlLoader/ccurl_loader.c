#include "ccurl_loader.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The functions keyward calls, resolved from libcurl by ccurl_load(). */
static struct {
    CURLcode (*global_init)(long flags);
    CURL *(*easy_init)(void);
    CURLcode (*easy_perform)(CURL *handle);
    void (*easy_cleanup)(CURL *handle);
    const char *(*easy_strerror)(CURLcode code);
    CURLcode (*easy_setopt)(CURL *handle, CURLoption option, ...);
    CURLcode (*easy_getinfo)(CURL *handle, CURLINFO info, ...);
    struct curl_slist *(*slist_append)(struct curl_slist *list, const char *line);
    void (*slist_free_all)(struct curl_slist *list);
} curl;

static pthread_once_t load_once = PTHREAD_ONCE_INIT;
static int loaded;
static char load_error[512];

/* dlsym into `*slot`; 0 (and load_error set) when the symbol is missing. */
static int resolve(void *library, const char *name, void *slot) {
    void *symbol = dlsym(library, name);
    if (symbol == NULL) {
        snprintf(load_error, sizeof load_error, "%s has no %s", CCURL_LIBRARY_NAME, name);
        return 0;
    }
    memcpy(slot, &symbol, sizeof symbol);
    return 1;
}

static void *open_library(void) {
    const char *name = CCURL_LIBRARY_NAME;
#ifdef KEYWARD_TEST_HOOKS
    /* Debug builds only (docs/remediation.md, "Test-only switches"): a library name to open instead. */
    const char *chosen = getenv("KEYWARD_TEST_LIBCURL");
    if (chosen != NULL && chosen[0] != '\0') name = chosen;
#endif
    void *library = dlopen(name, RTLD_NOW | RTLD_LOCAL);
    if (library != NULL) return library;
    const char *reason = dlerror();
    snprintf(load_error, sizeof load_error, "%s", reason != NULL ? reason : "dlopen failed");
    if (strcmp(name, CCURL_LIBRARY_NAME) != 0) return NULL;
    return dlopen("libcurl.so", RTLD_NOW | RTLD_LOCAL);
}

static void load(void) {
    void *library = open_library();
    if (library == NULL) return;
    int ok = resolve(library, "curl_global_init", &curl.global_init)
        && resolve(library, "curl_easy_init", &curl.easy_init)
        && resolve(library, "curl_easy_perform", &curl.easy_perform)
        && resolve(library, "curl_easy_cleanup", &curl.easy_cleanup)
        && resolve(library, "curl_easy_strerror", &curl.easy_strerror)
        && resolve(library, "curl_easy_setopt", &curl.easy_setopt)
        && resolve(library, "curl_easy_getinfo", &curl.easy_getinfo)
        && resolve(library, "curl_slist_append", &curl.slist_append)
        && resolve(library, "curl_slist_free_all", &curl.slist_free_all);
    if (!ok) return;
    CURLcode code = curl.global_init(CURL_GLOBAL_DEFAULT);
    if (code != CURLE_OK) {
        snprintf(load_error, sizeof load_error, "curl_global_init failed: %s", curl.easy_strerror(code));
        return;
    }
    load_error[0] = '\0';
    loaded = 1;
}

int ccurl_load(void) {
    pthread_once(&load_once, load);
    return loaded;
}

const char *ccurl_load_error(void) {
    pthread_once(&load_once, load);
    return load_error;
}

/* Every wrapper below first checks `loaded`, which pthread_once has published to the caller. */

CURL *ccurl_easy_init(void) { return ccurl_load() ? curl.easy_init() : NULL; }

CURLcode ccurl_easy_perform(CURL *handle) {
    return ccurl_load() && handle != NULL ? curl.easy_perform(handle) : CURLE_FAILED_INIT;
}

void ccurl_easy_cleanup(CURL *handle) {
    if (ccurl_load() && handle != NULL) curl.easy_cleanup(handle);
}

const char *ccurl_easy_strerror(CURLcode code) { return ccurl_load() ? curl.easy_strerror(code) : ""; }

CURLcode ccurl_setopt_long(CURL *handle, CURLoption option, long value) {
    return ccurl_load() && handle != NULL ? curl.easy_setopt(handle, option, value) : CURLE_FAILED_INIT;
}

CURLcode ccurl_setopt_off_t(CURL *handle, CURLoption option, curl_off_t value) {
    return ccurl_load() && handle != NULL ? curl.easy_setopt(handle, option, value) : CURLE_FAILED_INIT;
}

CURLcode ccurl_setopt_string(CURL *handle, CURLoption option, const char *value) {
    return ccurl_load() && handle != NULL ? curl.easy_setopt(handle, option, value) : CURLE_FAILED_INIT;
}

CURLcode ccurl_setopt_pointer(CURL *handle, CURLoption option, void *value) {
    return ccurl_load() && handle != NULL ? curl.easy_setopt(handle, option, value) : CURLE_FAILED_INIT;
}

CURLcode ccurl_setopt_data_callback(CURL *handle, CURLoption option, ccurl_data_callback callback) {
    return ccurl_load() && handle != NULL ? curl.easy_setopt(handle, option, callback) : CURLE_FAILED_INIT;
}

CURLcode ccurl_restrict_to_http(CURL *handle) {
    if (!ccurl_load() || handle == NULL) return CURLE_FAILED_INIT;
    CURLcode code = curl.easy_setopt(handle, CURLOPT_PROTOCOLS_STR, "http,https");
    if (code != CURLE_UNKNOWN_OPTION) return code;
    /* libcurl before 7.85 knows only the bit mask (deprecated since). */
#pragma clang diagnostic push
#pragma clang diagnostic ignored "-Wdeprecated-declarations"
    return curl.easy_setopt(handle, CURLOPT_PROTOCOLS, (long)(CURLPROTO_HTTP | CURLPROTO_HTTPS));
#pragma clang diagnostic pop
}

CURLcode ccurl_getinfo_long(CURL *handle, CURLINFO info, long *value) {
    return ccurl_load() && handle != NULL ? curl.easy_getinfo(handle, info, value) : CURLE_FAILED_INIT;
}

struct curl_slist *ccurl_slist_append(struct curl_slist *list, const char *line) {
    return ccurl_load() ? curl.slist_append(list, line) : NULL;
}

void ccurl_slist_free_all(struct curl_slist *list) {
    if (ccurl_load() && list != NULL) curl.slist_free_all(list);
}
