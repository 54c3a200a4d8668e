<?php
// Receive BTS status notifications (the current courier API's webhook) under PHP's built-in
// server:
//
//   BTS_CONFIG='{"courier_api": "current", ...}' BTS_WEBHOOK_KEY=secret \
//       php -d ffi.enable=1 -S 127.0.0.1:8080 examples/php/webhook_receiver.php
//
// Register http://127.0.0.1:8080/hook with webhook/config ({"webhook_url": URL, "environment":
// "test", "has_token": true, "itx-apiKey": KEY}). Every POST goes through webhook/parse with the
// key: a notification whose key is wrong or missing is refused with 401; a good one is answered
// 200 and written as one JSON line {"orderId", "status", "name"} to the file BTS_WEBHOOK_OUT
// (default: the server's stderr).

declare(strict_types=1);

require __DIR__ . '/../../bindings/php/tests/autoload.php';

use Bts\Exception\AuthException;
use Bts\Exception\BtsException;
use Bts\Status\Status;

$config = json_decode((string) getenv('BTS_CONFIG'), true, 512, JSON_THROW_ON_ERROR);
$client = new Bts\Client(is_array($config) ? $config : []);
$body = (string) file_get_contents('php://input');
$contentType = (string) ($_SERVER['CONTENT_TYPE'] ?? '');
if ($body === '' && $_POST !== []) {
    // PHP has read a multipart/form-data body into $_POST (php://input is then empty): hand the
    // fields over as the equivalent urlencoded form.
    $body = http_build_query($_POST);
    $contentType = 'application/x-www-form-urlencoded';
}
try {
    $event = $client->webhookParse([
        'body' => $body,
        'content_type' => $contentType,
        'headers' => getallheaders(),
        'key' => (string) getenv('BTS_WEBHOOK_KEY'),
    ]);
} catch (AuthException $e) {
    http_response_code(401);
    echo "wrong key\n";
    return;
} catch (BtsException $e) {
    http_response_code(400);
    echo $e->getMessage(), "\n";
    return;
}
$status = $event['status'] ?? [];
$code = (int) ($status['code'] ?? $status['id'] ?? 0);
$line = json_encode([
    'orderId' => $event['orderId'] ?? null,
    'status' => $code,
    'name' => Status::tryFrom($code)?->en() ?? ($status['name'] ?? ''),
], JSON_THROW_ON_ERROR | JSON_UNESCAPED_UNICODE);
$out = getenv('BTS_WEBHOOK_OUT');
file_put_contents(is_string($out) && $out !== '' ? $out : 'php://stderr', $line . "\n", FILE_APPEND | LOCK_EX);
echo "ok\n";
