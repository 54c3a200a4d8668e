<?php

declare(strict_types=1);

namespace Bts\Tests;

use Bts\Client;
use Bts\Exception\InvalidInputException;
use Bts\Native;
use Bts\Status\FulfillmentStatus;
use Bts\Status\LegacyStatus;
use Bts\Status\Status;

/** Status enums, the current-API view, the logger hook, label helpers and the webhook receiver. */
final class TypedTest extends TestCase
{
    private const CURRENT_ORDER = [
        'clientId' => 'T-php',
        'pickup_type' => 'self',
        'dropoff_type' => 'courier',
        'sender' => ['name' => 'Example Shop', 'phone' => '+998900000001',
            'address' => 'Toshkent, example street 1', 'city_code' => '0109', 'branch_code' => '0154'],
        'receiver' => ['name' => 'Example Customer', 'phone' => '+998900000002',
            'address' => 'Samarqand, example street 2', 'city_code' => '3001'],
        'bringBackMoney' => 0,
        'cargo' => ['weight' => 1.2, 'piece' => 1, 'packageId' => 8, 'postTypeId' => 11],
    ];

    private function current(): Client
    {
        return new Client($this->sandbox->currentConfig);
    }

    public function testStatusEnumsMatchTheLibrarysCatalogue(): void
    {
        $catalogue = json_decode(Native::statusCatalogueJson(), true, 512, JSON_THROW_ON_ERROR);
        $this->assertSame(array_column($catalogue, 'code'), array_map(fn (Status $s) => $s->value, Status::cases()));
        foreach ($catalogue as $entry) {
            $status = Status::from($entry['code']);
            $this->assertSame([$entry['uz'], $entry['ru'], $entry['en'], $entry['next']],
                [$status->uz(), $status->ru(), $status->en(), $status->next()]);
        }
        $this->assertTrue(Status::DELIVERED->isFinal());
        $this->assertSame('Доставлен', Status::DELIVERED->label('ru'));
        $this->assertSame('Yetkazib berilgan', LegacyStatus::from(6)->uz());
        $this->assertNull(LegacyStatus::DELIVERED->ru());
        $this->assertSame('Delivered', LegacyStatus::DELIVERED->label('ru'));
        $this->assertSame('Rejalashtirildi', FulfillmentStatus::from(5)->uz());
        $this->assertNull(LegacyStatus::tryFrom(99));
    }

    public function testTheCurrentViewCallsTheCurrentApi(): void
    {
        $client = $this->current();
        $order = $client->current()->orderAdd(self::CURRENT_ORDER);
        $state = $client->current()->orderTrack((int) $order['orderId']);
        $this->assertSame(Status::AT_THE_SENDER, Status::from((int) $state['status']['code']));
    }

    public function testIterPagesWalksAWmsList(): void
    {
        foreach ($this->client->wmsProductClientsAll() as $p) {
            $this->client->wmsProductClientStatus([['id' => $p['id'], 'status' => 'ok']]);
        }
        $this->sandbox->seedWms('product', 31);
        $pages = iterator_to_array($this->client->iterPages('wms/product/clients'), false);
        $this->assertSame([20, 11], array_map(fn ($p) => count($p['items']), $pages));
        $items = iterator_to_array($this->client->iterItems('wms/product/clients'), false);
        $this->assertSame(array_merge($pages[0]['items'], $pages[1]['items']), $items);
        $this->assertSame($this->client->wmsProductClientsAll(), $items);
    }

    public function testIterPagesWalksACurrentDirectoryList(): void
    {
        $current = $this->current()->current();
        $whole = $current->directoryRegions(null, 100);
        $pages = iterator_to_array($current->iterPages('directory/regions', ['per-page' => 3]), false);
        $this->assertGreaterThan(1, count($pages));
        $this->assertSame($whole['items'], array_merge(...array_map(fn ($p) => $p['items'], $pages)));
    }

    public function testTheLoggerGetsOneRecordPerCallWithoutSecrets(): void
    {
        $logger = new class {
            /** @var list<array{0: mixed, 1: string, 2: array<string, mixed>}> */
            public array $records = [];

            /** @param array<string, mixed> $context */
            public function log(mixed $level, string|\Stringable $message, array $context = []): void
            {
                $this->records[] = [$level, (string) $message, $context];
            }
        };
        $this->client->setLogger($logger);
        $this->client->orderCalculate(self::CALC);
        try {
            $this->client->call('order/detail', []);
            $this->fail('no exception');
        } catch (InvalidInputException $e) {
        }
        $this->assertCount(2, $logger->records);
        [$ok, $failed] = $logger->records;
        $this->assertSame(['debug', 'order/calculate', true, null], [$ok[0], $ok[2]['operation'], $ok[2]['ok'], $ok[2]['kind']]);
        $this->assertSame(['warning', 'order/detail', false, 'invalid_input'], [$failed[0], $failed[2]['operation'], $failed[2]['ok'], $failed[2]['kind']]);
        $this->assertGreaterThanOrEqual(0, $ok[2]['duration_ms']);
        $password = (string) $this->sandbox->config()['password'];
        foreach ($logger->records as $record) {
            $this->assertStringNotContainsString($password, $record[1] . json_encode($record[2]));
            $this->assertStringNotContainsString('senderCityId', $record[1] . json_encode($record[2]));
        }
        $this->expectException(InvalidInputException::class);
        $this->client->setLogger(new \stdClass());
    }

    public function testLabelHelpersSavePdfFiles(): void
    {
        $client = $this->current();
        $ids = [];
        foreach ([1, 2] as $i) {
            $ids[] = (int) $client->current()->orderAdd(['clientId' => "T-php-lbl{$i}"] + self::CURRENT_ORDER)['orderId'];
        }
        $dir = sys_get_temp_dir() . '/bts-php-' . bin2hex(random_bytes(8));
        @mkdir($dir);
        $one = $client->saveLabel($ids[0], "{$dir}/one.pdf");
        $this->assertSame('%PDF-', substr((string) file_get_contents($one['path']), 0, 5));
        $this->assertSame(filesize("{$dir}/one.pdf"), $one['bytes']);
        $both = $client->saveStickers($ids, "{$dir}/both.pdf");
        $this->assertSame('%PDF-', substr((string) file_get_contents("{$dir}/both.pdf"), 0, 5));
        $this->assertGreaterThan(0, $both['bytes']);
    }

    public function testTheWebhookReceiverExample(): void
    {
        $key = 'hook-k3y-php';
        $probe = stream_socket_server('tcp://127.0.0.1:0');
        $this->assertNotFalse($probe);
        $port = (int) substr((string) strrchr((string) stream_socket_get_name($probe, false), ':'), 1);
        fclose($probe);
        $out = tempnam(sys_get_temp_dir(), 'bts-hook-');
        $env = getenv() + [];
        $env['BTS_CONFIG'] = json_encode($this->sandbox->currentConfig, JSON_THROW_ON_ERROR);
        $env['BTS_WEBHOOK_KEY'] = $key;
        $env['BTS_WEBHOOK_OUT'] = $out;
        $server = proc_open(
            [PHP_BINARY, '-d', 'ffi.enable=1', '-S', "127.0.0.1:{$port}", Sandbox::repo() . '/examples/php/webhook_receiver.php'],
            [0 => ['file', '/dev/null', 'r'], 1 => ['file', '/dev/null', 'w'], 2 => ['file', '/dev/null', 'w']],
            $pipes,
            null,
            $env
        );
        $this->assertIsResource($server);
        try {
            $deadline = microtime(true) + 10;
            while (@fsockopen('127.0.0.1', $port) === false && microtime(true) < $deadline) {
                usleep(50_000);
            }
            $url = "http://127.0.0.1:{$port}/hook";
            $client = $this->current();
            $client->webhookConfig(['webhook_url' => $url, 'environment' => 'test', 'has_token' => true, 'itx-apiKey' => $key]);
            $order = $client->current()->orderAdd(['clientId' => 'T-php-hook'] + self::CURRENT_ORDER);
            $client->orderTestUpdateStatus(['orderId' => (int) $order['orderId'], 'statusCode' => 200]);
            $this->assertSame(
                ['orderId' => $order['orderId'], 'status' => 200, 'name' => 'Courier picked up'],
                $this->nextLine($out, 0)
            );
            // A notification with a wrong key, or none, is refused and written nowhere.
            $body = json_encode(['orderId' => $order['orderId'], 'statusCode' => 300], JSON_THROW_ON_ERROR);
            foreach (["itx-apiKey: wrong\r\n", ''] as $header) {
                $context = stream_context_create(['http' => ['method' => 'POST', 'ignore_errors' => true, 'timeout' => 10,
                    'header' => "Content-Type: application/json\r\n{$header}", 'content' => $body]]);
                file_get_contents($url, false, $context);
                $this->assertStringContainsString(' 401 ', $http_response_header[0] ?? '');
            }
            $client->orderTestUpdateStatus(['orderId' => (int) $order['orderId'], 'statusCode' => 300]);
            $this->assertSame(300, $this->nextLine($out, 1)['status'] ?? null);
        } finally {
            proc_terminate($server, 9);
            proc_close($server);
            @unlink($out);
        }
    }

    /**
     * Line $index of the receiver's output file, waiting up to 15 s for it.
     *
     * @return array<string, mixed>
     */
    private function nextLine(string $file, int $index): array
    {
        $deadline = microtime(true) + 15;
        do {
            $lines = file($file, FILE_IGNORE_NEW_LINES | FILE_SKIP_EMPTY_LINES) ?: [];
            if (isset($lines[$index])) {
                return json_decode($lines[$index], true, 512, JSON_THROW_ON_ERROR);
            }
            usleep(100_000);
        } while (microtime(true) < $deadline);
        $this->fail("the receiver wrote no line {$index}: " . json_encode($lines));
    }
}
