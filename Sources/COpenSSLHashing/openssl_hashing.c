#include "openssl_hashing.h"

#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/params.h>
#include <pthread.h>

/// OpenSSL's HMAC implementation, fetched once (a fetched EVP_MAC may be shared by threads).
static EVP_MAC *hmac_implementation;
static pthread_once_t hmac_fetched = PTHREAD_ONCE_INIT;

static void fetch_hmac(void) {
    hmac_implementation = EVP_MAC_fetch(NULL, "HMAC", NULL);
}

int openssl_hmac_sha256(const uint8_t *key, size_t key_length, const uint8_t *bytes, size_t length,
                        uint8_t digest[32]) {
    pthread_once(&hmac_fetched, fetch_hmac);
    if (hmac_implementation == NULL) return -1;
    EVP_MAC_CTX *context = EVP_MAC_CTX_new(hmac_implementation);
    int result = -1;
    if (context != NULL) {
        char digest_name[] = "SHA256";
        OSSL_PARAM parameters[] = {
            OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, digest_name, 0),
            OSSL_PARAM_construct_end(),
        };
        size_t written = 0;
        if (EVP_MAC_init(context, key, key_length, parameters) == 1
            && (length == 0 || EVP_MAC_update(context, bytes, length) == 1)
            && EVP_MAC_final(context, digest, &written, 32) == 1 && written == 32) {
            result = 0;
        }
        EVP_MAC_CTX_free(context);
    }
    return result;
}

int openssl_sha256(const uint8_t *bytes, size_t length, uint8_t digest[32]) {
    unsigned int written = 0;
    if (EVP_Digest(bytes, length, digest, &written, EVP_sha256(), NULL) != 1 || written != 32) return -1;
    return 0;
}
