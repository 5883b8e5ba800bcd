/* mhd.h — libmicrohttpd, loaded when `clausekit serve` starts.
 *
 * libmicrohttpd brings GnuTLS and the libraries under it (p11-kit, nettle,
 * gmp, libunistring, libtasn1): mapping and relocating them costs every
 * command about 3 MB of memory, and running their initialisers, for the one
 * command that serves HTTP. So clausekit is not linked with it: serve loads
 * it with dlopen, and the MHD_ functions server.c calls go through the table
 * ck_mhd_load() fills. Types and constants still come from <microhttpd.h>.
 */
#ifndef CK_SERVE_MHD_H
#define CK_SERVE_MHD_H

#include <stddef.h>

#include <microhttpd.h>

/* The library Debian 12's libmicrohttpd12 installs. */
#define CK_MHD_LIBRARY "libmicrohttpd.so.12"

typedef struct ck_mhd_functions {
    __typeof__(MHD_start_daemon) *start_daemon;
    __typeof__(MHD_stop_daemon) *stop_daemon;
    __typeof__(MHD_lookup_connection_value) *lookup_connection_value;
    __typeof__(MHD_create_response_from_buffer) *create_response_from_buffer;
    __typeof__(MHD_create_response_from_fd) *create_response_from_fd;
    __typeof__(MHD_add_response_header) *add_response_header;
    __typeof__(MHD_queue_response) *queue_response;
    __typeof__(MHD_destroy_response) *destroy_response;
    __typeof__(MHD_create_post_processor) *create_post_processor;
    __typeof__(MHD_post_process) *post_process;
    __typeof__(MHD_destroy_post_processor) *destroy_post_processor;
    __typeof__(MHD_basic_auth_get_username_password) *basic_auth_get_username_password;
    __typeof__(MHD_queue_basic_auth_fail_response) *queue_basic_auth_fail_response;
    __typeof__(MHD_free) *free;
} ck_mhd_functions;

/* Filled by ck_mhd_load(); all NULL before. */
extern ck_mhd_functions ck_mhd;

/* Loads libmicrohttpd and fills ck_mhd, once (later calls return at once).
 * Returns 0, or -1 with a message naming what is missing in message. */
int ck_mhd_load(char *message, size_t size);

#define MHD_start_daemon (ck_mhd.start_daemon)
#define MHD_stop_daemon (ck_mhd.stop_daemon)
#define MHD_lookup_connection_value (ck_mhd.lookup_connection_value)
#define MHD_create_response_from_buffer (ck_mhd.create_response_from_buffer)
#define MHD_create_response_from_fd (ck_mhd.create_response_from_fd)
#define MHD_add_response_header (ck_mhd.add_response_header)
#define MHD_queue_response (ck_mhd.queue_response)
#define MHD_destroy_response (ck_mhd.destroy_response)
#define MHD_create_post_processor (ck_mhd.create_post_processor)
#define MHD_post_process (ck_mhd.post_process)
#define MHD_destroy_post_processor (ck_mhd.destroy_post_processor)
#define MHD_basic_auth_get_username_password (ck_mhd.basic_auth_get_username_password)
#define MHD_queue_basic_auth_fail_response (ck_mhd.queue_basic_auth_fail_response)
#define MHD_free (ck_mhd.free)

#endif
