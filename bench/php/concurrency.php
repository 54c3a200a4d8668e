<?php
/*
 * The PHP contenders of the concurrency rows (bench/concurrency.py), one per process:
 *
 *   php concurrency.php curl-seq    URL_PREFIX TOKEN CALLS            one curl handle, one call after the other
 *   php concurrency.php curl-multi  URL_PREFIX TOKEN CALLS PARALLEL   curl_multi, PARALLEL handles in flight
 *   php concurrency.php guzzle-pool URL_PREFIX TOKEN CALLS PARALLEL   Guzzle's Pool, concurrency PARALLEL
 *   php concurrency.php bts-batch   CONFIG CALLS PARALLEL             $client->batch(...), the PHP binding
 *
 * URL_PREFIX is the legacy base URL (…/index.php); call i asks order/track of id 1000+i. Every
 * contender ends with every reply decoded (json_decode) and checked; prints one JSON line
 * {"seconds": wall time of the CALLS calls, "ok": replies that were 200 and decoded}.
 */

declare(strict_types=1);

function url(string $prefix, int $i): string
{
    return $prefix . '?r=v1/order/track&id=' . (1000 + $i);
}

function report(float $started, int $ok): void
{
    echo json_encode(['seconds' => round((hrtime(true) - $started) / 1e9, 4), 'ok' => $ok]), "\n";
}

function decoded(string|false $body): bool
{
    return is_string($body) && is_array(json_decode($body, true));
}

$mode = $argv[1] ?? '';
if ($mode === 'curl-seq') {
    [, , $prefix, $token, $calls] = $argv;
    $ch = curl_init();
    curl_setopt_array($ch, [
        CURLOPT_HTTPHEADER => ["Authorization: Bearer {$token}", 'Accept: application/json'],
        CURLOPT_RETURNTRANSFER => true,
    ]);
    $ok = 0;
    $started = hrtime(true);
    for ($i = 0; $i < (int) $calls; $i++) {
        curl_setopt($ch, CURLOPT_URL, url($prefix, $i));
        $ok += (int) (decoded(curl_exec($ch)) && curl_getinfo($ch, CURLINFO_RESPONSE_CODE) === 200);
    }
    report($started, $ok);
} elseif ($mode === 'curl-multi') {
    [, , $prefix, $token, $calls, $parallel] = $argv;
    $calls = (int) $calls;
    $multi = curl_multi_init();
    $make = static function (int $i) use ($prefix, $token) {
        $ch = curl_init(url($prefix, $i));
        curl_setopt_array($ch, [
            CURLOPT_HTTPHEADER => ["Authorization: Bearer {$token}", 'Accept: application/json'],
            CURLOPT_RETURNTRANSFER => true,
        ]);
        return $ch;
    };
    $ok = 0;
    $next = 0;
    $started = hrtime(true);
    for (; $next < min((int) $parallel, $calls); $next++) {
        curl_multi_add_handle($multi, $make($next));
    }
    do {
        curl_multi_exec($multi, $running);
        while ($info = curl_multi_info_read($multi)) {
            $ch = $info['handle'];
            $ok += (int) (decoded(curl_multi_getcontent($ch)) && curl_getinfo($ch, CURLINFO_RESPONSE_CODE) === 200);
            curl_multi_remove_handle($multi, $ch);
            curl_close($ch);
            if ($next < $calls) {
                curl_multi_add_handle($multi, $make($next++));
                $running = 1;
            }
        }
        if ($running) {
            curl_multi_select($multi, 0.05);
        }
    } while ($running);
    report($started, $ok);
} elseif ($mode === 'guzzle-pool') {
    [, , $prefix, $token, $calls, $parallel] = $argv;
    require '/usr/share/php/GuzzleHttp/autoload.php';
    $client = new GuzzleHttp\Client(['headers' => ['Authorization' => "Bearer {$token}", 'Accept' => 'application/json']]);
    $requests = static function () use ($prefix, $calls) {
        for ($i = 0; $i < (int) $calls; $i++) {
            yield new GuzzleHttp\Psr7\Request('GET', url($prefix, $i));
        }
    };
    $ok = 0;
    $started = hrtime(true);
    $pool = new GuzzleHttp\Pool($client, $requests(), [
        'concurrency' => (int) $parallel,
        'fulfilled' => static function ($response) use (&$ok) {
            $ok += (int) ($response->getStatusCode() === 200 && decoded((string) $response->getBody()));
        },
    ]);
    $pool->promise()->wait();
    report($started, $ok);
} elseif ($mode === 'bts-batch') {
    [, , $config, $calls, $parallel] = $argv;
    require dirname(__DIR__, 2) . '/bindings/php/tests/autoload.php';
    $client = new Bts\Client(json_decode($config, true, 512, JSON_THROW_ON_ERROR));
    $list = [];
    for ($i = 0; $i < (int) $calls; $i++) {
        $list[] = ['order/track', ['orderId' => 1000 + $i]];
    }
    $started = hrtime(true);
    $results = $client->batch($list, (int) $parallel);
    $ok = count(array_filter($results, 'is_array'));
    report($started, $ok);
} else {
    fwrite(STDERR, "usage: see the comment at the top of concurrency.php\n");
    exit(2);
}
