<?php

declare(strict_types=1);

namespace Bts\Tests;

use Bts\Exception\InvalidInputException;
use Bts\Exception\ValidationException;

/** The courier API through the bindings: a whole order lifecycle, directory, raw. */
final class OrdersTest extends TestCase
{
    public function testCalculateSameCity(): void
    {
        $quote = $this->client->orderCalculate(self::CALC + ['senderDelivery' => 1, 'receiverDelivery' => 1]);
        $this->assertSame(10000, $quote['summaryPrice']);
    }

    public function testOrderLifecycle(): void
    {
        $quote = $this->client->orderCalculate(['senderCityId' => 3, 'receiverCityId' => 3, 'weight' => 2]);
        $this->assertGreaterThan(0, $quote['summaryPrice']);

        $created = $this->client->orderAdd(self::ORDER);
        $orderId = (int) $created['orderId'];
        $this->assertNotEmpty($created['barcode']);
        $this->assertSame(self::ORDER['senderAddress'], $created['senderAddress']); // UTF-8 round trip

        $detail = $this->client->orderDetail($orderId);
        $this->assertSame($orderId, (int) $detail['orderId']);
        $this->assertSame($created['barcode'], $detail['barcode']);

        $track = $this->client->orderTrack($orderId);
        $this->assertSame(1, $track['status']['id']);

        $history = $this->client->orderHistory($orderId);
        $this->assertIsArray($history);
        $this->assertNotEmpty($history);

        $this->assertSame([], $this->client->orderCancellation($orderId));

        $cancelled = $this->client->orderCancel($orderId);
        $this->assertSame(0, $cancelled['status']['id']);
        $this->assertSame(0, $this->client->orderTrack($orderId)['status']['id']);
        $reasons = $this->client->orderCancellation($orderId);
        $this->assertCount(1, $reasons);
        $this->assertCount(count($history) + 1, $this->client->orderHistory($orderId));

        $this->assertSame(1, $this->sandbox->count('auth/get-token'));
        $this->assertSame(1, $this->sandbox->count('order/add'));
        $this->assertSame(1, $this->sandbox->count('order/cancel'));
    }

    public function testCancelAfterPickupIsRefused(): void
    {
        $orderId = (int) $this->client->orderAdd(self::ORDER)['orderId'];
        $this->sandbox->orderStatus($orderId, 3);
        $this->assertSame(3, $this->client->orderTrack($orderId)['status']['id']);
        try {
            $this->client->orderCancel($orderId);
            $this->fail('cancelling an order in transit must fail');
        } catch (ValidationException $e) {
            $this->assertArrayHasKey('orderId', $e->getFields());
        }
    }

    public function testExpiredTokenIsRenewedOnce(): void
    {
        $this->client->orderCalculate(self::CALC);
        $this->sandbox->expireTokens();
        $this->client->orderCalculate(self::CALC);
        $this->assertSame(2, $this->sandbox->count('auth/get-token'));
        $this->assertSame(3, $this->sandbox->count('order/calculate'));
    }

    public function testExplicitLoginReturnsNoToken(): void
    {
        $this->assertSame(['authenticated' => true], $this->client->authGetToken());
    }

    public function testDirectory(): void
    {
        $this->assertNotNull($this->client->directoryBranches());
        $this->assertNotNull($this->client->directoryBranches(2));
        $this->assertNotNull($this->client->directoryRegions());
        $this->assertNotNull($this->client->directoryCities(14));
        $this->assertNotNull($this->client->directoryBranchesWithCity(198));
    }

    public function testRawRejectsABadService(): void
    {
        try {
            $this->client->raw('ftp', 'GET', 'v1/x');
            $this->fail('expected InvalidInputException');
        } catch (InvalidInputException $e) {
            $this->assertArrayHasKey('service', $e->getFields());
        }
    }

    public function testCallEnvelopeSuccessShape(): void
    {
        $envelope = $this->client->callEnvelope('order/calculate', self::CALC);
        $this->assertTrue($envelope['ok']);
        $this->assertArrayHasKey('summaryPrice', $envelope['data']);
    }
}
