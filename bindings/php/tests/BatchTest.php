<?php

declare(strict_types=1);

namespace Bts\Tests;

use Bts\Exception\HttpException;
use Bts\Exception\InvalidInputException;

/** $client->batch(): many calls side by side inside the library, one result per call in order. */
final class BatchTest extends TestCase
{
    public function testResultsAndErrorsComeBackInOrder(): void
    {
        $results = $this->client->batch([
            ['order/calculate', self::CALC],
            ['order/detail', ['orderId' => 999999999]],
            ['operation' => 'order/calculate', 'params' => ['senderCityId' => 3]],
            ['directory/regions', []],
        ], 3);
        $this->assertCount(4, $results);
        $this->assertSame($this->client->orderCalculate(self::CALC)['summaryPrice'], $results[0]['summaryPrice']);
        $this->assertInstanceOf(HttpException::class, $results[1]);
        $this->assertSame(404, $results[1]->getStatus());
        $this->assertInstanceOf(InvalidInputException::class, $results[2]);
        $this->assertIsArray($results[3]);
        $this->assertNotEmpty($results[3]);
    }

    public function testABadBatchThrowsNamingTheIndexAndSendsNothing(): void
    {
        $this->sandbox->resetCounts();
        try {
            $this->client->batch([['order/calculate', self::CALC], ['order/teleport', []]]);
            $this->fail('an unknown operation is refused');
        } catch (InvalidInputException $e) {
            $this->assertArrayHasKey('calls[1].operation', $e->getFields());
            $this->assertStringContainsString('calls[1].operation', $e->getMessage());
        }
        $this->assertSame(0, $this->sandbox->count('*'));
    }

    public function testCallsRunSideBySide(): void
    {
        $this->client->authGetToken();
        $this->sandbox->fault('order/calculate', ['kind' => 'delay', 'ms' => 200], 8);
        $started = microtime(true);
        $results = $this->client->batch(array_fill(0, 8, ['order/calculate', self::CALC]), 8);
        $elapsed = microtime(true) - $started;
        $this->assertSame(array_fill(0, 8, 10000), array_column($results, 'summaryPrice'));
        $this->assertLessThan(0.8, $elapsed, "8 delayed calls at concurrency 8 took {$elapsed} s");
    }
}
