<?php

declare(strict_types=1);

namespace Bts\Tests;

use Bts\Client;
use Bts\Exception\AuthException;
use Bts\Exception\BtsException;
use Bts\Exception\DecodeException;
use Bts\Exception\HttpException;
use Bts\Exception\InternalException;
use Bts\Exception\InvalidInputException;
use Bts\Exception\NetworkException;
use Bts\Exception\TimeoutException;
use Bts\Exception\ValidationException;

/** Every error kind the library can produce comes back as its own exception class. */
final class ErrorsTest extends TestCase
{
    private function expectKind(string $class, callable $call): BtsException
    {
        try {
            $call();
        } catch (BtsException $e) {
            $this->assertInstanceOf($class, $e, $e->getKind() . ': ' . $e->getMessage());
            $this->assertSame($class::KIND, $e->getKind());
            $this->assertSame($e->getEnvelope()['error']['message'], $e->getMessage());
            return $e;
        }
        $this->fail("expected {$class}");
    }

    public function testUnknownOperationIsInvalidInput(): void
    {
        $e = $this->expectKind(InvalidInputException::class, fn () => $this->client->call('order/teleport'));
        $this->assertStringContainsString('order/teleport', $e->getMessage());
        $this->assertNull($e->getStatus());
        $this->assertSame(0, $this->sandbox->count('*'));
    }

    public function testBadParamsJsonIsInvalidInput(): void
    {
        $envelope = json_decode($this->client->callEnvelopeText('order/detail', '{not json'), true);
        $e = BtsException::fromEnvelope($envelope);
        $this->assertInstanceOf(InvalidInputException::class, $e);
        $this->assertStringContainsString('not valid JSON', $e->getMessage());
    }

    public function testParamsThatAreAListAreInvalidInput(): void
    {
        $this->expectKind(InvalidInputException::class, fn () => $this->client->call('order/detail', [1, 2]));
    }

    public function testInvalidUtf8IsInvalidInput(): void
    {
        // Refused by json_encode before the call…
        $this->expectKind(InvalidInputException::class, fn () => $this->client->call('order/detail', ['orderId' => "\xff"]));
        // …and by the library when it comes as raw bytes.
        $this->expectKind(InvalidInputException::class, fn () => $this->client->call("order/\xffdetail"));
        $this->expectKind(InvalidInputException::class, fn () => $this->client->call("order/detail\0x"));
    }

    public function testMissingRequiredFieldsAreNamed(): void
    {
        $e = $this->expectKind(InvalidInputException::class, fn () => $this->client->orderAdd(
            ['weight' => 2, 'senderCityId' => 3, 'senderPhone' => '']
        ));
        $fields = $e->getFields();
        foreach (['senderAddress', 'senderReal', 'senderPhone', 'packageId', 'postTypeId', 'receiver',
                  'receiverAddress', 'receiverCityId', 'receiverPhone'] as $name) {
            $this->assertArrayHasKey($name, $fields);
        }
        $this->assertArrayNotHasKey('weight', $fields);
        $this->assertSame(0, $this->sandbox->count('order/add'));
    }

    public function testMissingQueryParameterIsNamed(): void
    {
        $e = $this->expectKind(InvalidInputException::class, fn () => $this->client->call('order/detail'));
        $this->assertSame(['orderId'], array_keys($e->getFields()));
    }

    public function testUnknownConfigKeyIsInvalidInput(): void
    {
        $e = $this->expectKind(InvalidInputException::class, fn () => new Client($this->sandbox->config(['pasword' => 'typo'])));
        $this->assertArrayHasKey('pasword', $e->getFields());
    }

    public function testUnknownCityIsValidation(): void
    {
        $order = self::ORDER;
        $order['receiverCityId'] = 999999;
        $e = $this->expectKind(ValidationException::class, fn () => $this->client->orderAdd($order));
        $this->assertArrayHasKey('receiverCityId', $e->getFields());
        $this->assertIsString($e->getFields()['receiverCityId'][0]);
        $this->assertNotNull($e->getStatus());
        $this->assertNotNull($e->getBody());
    }

    public function testWrongPasswordIsAuthAndNeverShown(): void
    {
        $secret = 'wrong-Pa55word-XYZ';
        $client = new Client($this->sandbox->config(['password' => $secret]));
        $e = $this->expectKind(AuthException::class, fn () => $client->orderDetail(1));
        $this->assertGreaterThanOrEqual(400, $e->getStatus());
        $this->assertLessThan(500, $e->getStatus());
        foreach ([$e->getMessage(), (string) $e->getBody(), json_encode($e->getEnvelope()), print_r($client, true)] as $text) {
            $this->assertStringNotContainsString($secret, $text);
        }
        $this->assertSame(1, $this->sandbox->count('auth/get-token'));
        $this->assertSame(0, $this->sandbox->count('order/detail'));
    }

    public function testServerErrorIsHttp(): void
    {
        $this->client->authGetToken();
        // A read is retried on a 500 (max_retries, 2 by default): a 500 on every try is reported.
        $this->sandbox->fault('order/detail', ['kind' => 'status', 'status' => 500], 10);
        $e = $this->expectKind(HttpException::class, fn () => $this->client->orderDetail(1));
        $this->assertSame(500, $e->getStatus());
        $this->assertNotNull($e->getBody());
        $this->assertSame(3, $this->sandbox->count('order/detail'));
    }

    public function testStallIsTimeout(): void
    {
        $client = new Client($this->sandbox->config(['timeout_ms' => 300]));
        $client->authGetToken();
        $this->sandbox->fault('order/detail', ['kind' => 'stall', 'ms' => 3000], 3);
        $started = microtime(true);
        $this->expectKind(TimeoutException::class, fn () => $client->orderDetail(1));
        $this->assertLessThan(2.0, microtime(true) - $started);
    }

    public function testClosedPortIsNetwork(): void
    {
        $port = self::closedPort();
        $client = new Client($this->sandbox->config([
            'base_url' => "http://127.0.0.1:{$port}/index.php",
            'max_retries' => 0,
        ]));
        $e = $this->expectKind(NetworkException::class, fn () => $client->orderDetail(1));
        $this->assertNull($e->getStatus());
        $this->assertFalse($e->wasSent(), 'a refused connection proves nothing was sent');
    }

    public function testHtmlBodyIsDecode(): void
    {
        $this->client->authGetToken();
        // (the HTML reached us, so the request reached BTS)
        $html = '<html><body><h1>502 Bad Gateway</h1></body></html>';
        $this->sandbox->fault('order/detail', [
            'kind' => 'body', 'status' => 200, 'content_type' => 'text/html', 'body' => $html,
        ]);
        $e = $this->expectKind(DecodeException::class, fn () => $this->client->orderDetail(1));
        $this->assertStringContainsString('502 Bad Gateway', (string) $e->getBody());
    }

    public function testPanicInsideTheLibraryIsInternal(): void
    {
        $names = array_column(Client::operations(), 'name');
        $this->assertContains('__panic', $names, 'libbts was built without --features test-panic');
        $this->expectKind(InternalException::class, fn () => $this->client->call('__panic'));
        // The process and the client survive the panic.
        $this->assertSame(10000, $this->client->orderCalculate(self::CALC)['summaryPrice']);
    }

    public function testEveryKindMapsToItsClass(): void
    {
        $classes = [
            'invalid_input' => InvalidInputException::class,
            'validation' => ValidationException::class,
            'auth' => AuthException::class,
            'http' => HttpException::class,
            'timeout' => TimeoutException::class,
            'network' => NetworkException::class,
            'decode' => DecodeException::class,
            'internal' => InternalException::class,
        ];
        foreach ($classes as $kind => $class) {
            $envelope = ['ok' => false, 'error' => [
                'kind' => $kind, 'message' => "{$kind} happened", 'status' => 418,
                'fields' => ['a' => ['b']], 'body' => 'x',
            ]];
            $e = BtsException::fromEnvelope($envelope);
            $this->assertSame($class, get_class($e));
            $this->assertSame([$kind, "{$kind} happened", 418, ['a' => ['b']], 'x', $envelope],
                [$e->getKind(), $e->getMessage(), $e->getStatus(), $e->getFields(), $e->getBody(), $e->getEnvelope()]);
        }
        $unknown = BtsException::fromEnvelope(['ok' => false, 'error' => ['kind' => 'future', 'message' => 'm']]);
        $this->assertSame(BtsException::class, get_class($unknown));
        $this->assertSame('future', $unknown->getKind());
    }
}
