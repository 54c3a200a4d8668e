<?php
/*
 * The PHP contenders of the benchmark, one per process.
 *
 *   php bench_php.php binding CONFIG OP PARAMS N RUNS WARMUP   (new Bts\Client($config))->call($op, $params)
 *   php bench_php.php ffi     CONFIG OP PARAMS N RUNS WARMUP   bts_call through FFI::cdef + json_decode
 *   php bench_php.php curl    URL TOKEN N RUNS WARMUP          ext-curl, one reused handle, + json_decode
 *
 * Every contender ends with the server's JSON decoded as PHP arrays, so they do the same work.
 * One client or curl handle (one kept-alive connection), WARMUP calls, then RUNS runs of N
 * calls; prints one JSON line with the time per call of every run in µs (hrtime).
 *
 * `binding` loads bindings/php (its autoloader) with env BTS_LIBRARY and BTS_HEADER; `ffi`
 * needs the same two variables but none of the binding's PHP code: it isolates the cost of the
 * C ABI from the binding's own work.
 */

declare(strict_types=1);

function measure(int $n, int $runs, int $warmup, callable $call): void
{
    $result = null;
    for ($i = 0; $i < $warmup; $i++) {
        $result = $call();
    }
    $perCall = [];
    for ($r = 0; $r < $runs; $r++) {
        $start = hrtime(true);
        for ($i = 0; $i < $n; $i++) {
            $result = $call();
        }
        $perCall[] = round((hrtime(true) - $start) / 1000.0 / $n, 3);
    }
    if (!is_array($result)) {
        fwrite(STDERR, "unexpected result: " . substr(var_export($result, true), 0, 300) . "\n");
        exit(1);
    }
    echo json_encode([
        'runs_us' => $perCall,
        'keys' => count($result),
        'maxrss_kb' => getrusage()['ru_maxrss'] ?? -1,
    ]), "\n";
}

$mode = $argv[1] ?? '';
if ($mode === 'curl') {
    [, , $url, $token, $n, $runs, $warmup] = $argv;
    $ch = curl_init();
    curl_setopt_array($ch, [
        CURLOPT_URL => $url,
        CURLOPT_HTTPHEADER => ["Authorization: Bearer {$token}", 'Accept: application/json'],
        CURLOPT_RETURNTRANSFER => true,
        CURLOPT_HTTPGET => true,
    ]);
    measure((int) $n, (int) $runs, (int) $warmup, static function () use ($ch) {
        $body = curl_exec($ch);
        if ($body === false || curl_getinfo($ch, CURLINFO_RESPONSE_CODE) !== 200) {
            fwrite(STDERR, 'curl failed: ' . curl_error($ch) . "\n");
            exit(1);
        }
        return json_decode($body, true, 512, JSON_THROW_ON_ERROR);
    });
} elseif ($mode === 'binding') {
    [, , $config, $op, $params, $n, $runs, $warmup] = $argv;
    require dirname(__DIR__, 2) . '/bindings/php/tests/autoload.php';
    $client = new Bts\Client(json_decode($config, true, 512, JSON_THROW_ON_ERROR));
    $p = json_decode($params, true, 512, JSON_THROW_ON_ERROR);
    measure((int) $n, (int) $runs, (int) $warmup, static fn () => $client->call($op, $p));
} elseif ($mode === 'ffi') {
    [, , $config, $op, $params, $n, $runs, $warmup] = $argv;
    $ffi = FFI::cdef(file_get_contents(getenv('BTS_HEADER')), getenv('BTS_LIBRARY'));
    $error = $ffi->new('char *');
    $handle = $ffi->bts_client_new($config, FFI::addr($error));
    if (FFI::isNull($handle)) {
        fwrite(STDERR, 'bts_client_new failed: ' . FFI::string($error) . "\n");
        exit(1);
    }
    measure((int) $n, (int) $runs, (int) $warmup, static function () use ($ffi, $handle, $op, $params) {
        $p = $ffi->bts_call($handle, $op, $params);
        try {
            $envelope = json_decode(FFI::string($p), true, 512, JSON_THROW_ON_ERROR);
        } finally {
            $ffi->bts_string_free($p);
        }
        if (($envelope['ok'] ?? null) !== true) {
            fwrite(STDERR, 'bts_call failed: ' . json_encode($envelope) . "\n");
            exit(1);
        }
        return $envelope['data'];
    });
} else {
    fwrite(STDERR, "usage: see the comment at the top of bench_php.php\n");
    exit(2);
}
