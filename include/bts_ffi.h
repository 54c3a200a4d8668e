typedef struct BtsClient BtsClient;

const char *bts_version(void);

uint32_t bts_abi_version(void);

BtsClient *bts_client_new(const char *config_json, char **error_out);

char *bts_call(BtsClient *client, const char *operation, const char *params_json);

char *bts_error_envelope(const char *kind, const char *message);

char *bts_operations(void);

char *bts_status_catalogue(void);

void bts_string_free(char *s);

void bts_client_free(BtsClient *client);
