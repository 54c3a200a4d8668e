<?php

declare(strict_types=1);

namespace Bts\Tests;

use Bts\Client;
use Bts\Exception\AuthException;
use Bts\Exception\InvalidInputException;
use Bts\Exception\ValidationException;

/** The Fulfillment WMS through the bindings: create, paginated lists, all_pages, acknowledgement. */
final class WmsTest extends TestCase
{
    private const PRODUCT = [
        'group' => 'Bindings', 'code' => 'PHP-1', 'name' => 'PHP product', 'full_name' => 'PHP product 1',
        'gtin' => '4780000000998', 'article' => 'PHP1', 'nomenclature_type' => 'Tovar',
        'shelf_life_stock' => 90, 'kis_code' => 'KIS-PHP-1', 'is_set' => false, 'weight' => 1.05,
        'net_weight' => 1.0, 'volume' => 1.1, 'net_volume' => 1.0, 'specification' => 'Sandbox',
        'temperature_mode' => "+2\u{00B0}C до +6\u{00B0}C", 'base_packaging' => 'dona', 'unit' => 'dona',
    ];

    /** Acknowledges every pending product, so the list starts empty. */
    private function drainProducts(): void
    {
        $pending = $this->client->wmsProductClientsAll();
        if ($pending !== []) {
            $this->client->wmsProductClientStatus(array_map(fn ($p) => ['id' => $p['id'], 'status' => 'ok'], $pending));
        }
    }

    public function testProductCreateListAllPagesAndAck(): void
    {
        $this->drainProducts();
        $this->assertSame([], $this->client->wmsProductClientsAll());

        $created = $this->client->wmsProductCreate(self::PRODUCT);
        $productId = $created['data']['id'];
        $this->assertSame('PHP product', $created['data']['name']);
        $this->sandbox->seedWms('product', 30);

        $page1 = $this->client->wmsProductClients();
        $page2 = $this->client->wmsProductClients(2);
        $this->assertCount(20, $page1['data']['items']);
        $this->assertCount(11, $page2['data']['items']);
        $this->assertSame(31, $page1['data']['_meta']['totalCount']);

        $all = $this->client->wmsProductClientsAll();
        $this->assertTrue(array_is_list($all));
        $this->assertSame(array_merge($page1['data']['items'], $page2['data']['items']), $all);
        $this->assertSame($productId, $all[0]['id']);

        $ack = $this->client->wmsProductClientStatus([['id' => $productId, 'status' => 'ok']]);
        $this->assertArrayHasKey('message', $ack);
        $remaining = $this->client->wmsProductClientsAll();
        $this->assertCount(30, $remaining);
        $this->assertNotContains($productId, array_column($remaining, 'id'));

        $this->drainProducts();
        $this->assertSame([], $this->client->wmsProductClientsAll());
        $this->assertSame(1, $this->sandbox->count('wms/auth/login'));
        $this->assertSame(1, $this->sandbox->count('wms/product/create'));
    }

    public function testPurveyorAndReceivingLists(): void
    {
        $this->sandbox->seedWms('purveyor', 3);
        $this->sandbox->seedWms('receiving-goods', 3);
        $this->assertGreaterThanOrEqual(3, count($this->client->wmsPurveyorClientsAll()));
        $this->assertGreaterThanOrEqual(3, count($this->client->wmsReceivingGoodsClientsAll()));
        $created = $this->client->wmsPurveyorCreate([
            'group' => 'Bindings', 'code' => 'PHP-S', 'name' => 'Supplier', 'full_name' => 'PHP supplier',
        ]);
        $this->assertContains($created['data']['id'], array_column($this->client->wmsPurveyorClientsAll(), 'id'));
    }

    public function testMissingFieldsAreInvalidInput(): void
    {
        try {
            $this->client->wmsProductCreate(['name' => 'only a name']);
            $this->fail('expected InvalidInputException');
        } catch (InvalidInputException $e) {
            $this->assertArrayHasKey('gtin', $e->getFields());
            $this->assertArrayNotHasKey('name', $e->getFields());
        }
        $this->assertSame(0, $this->sandbox->count('wms/product/create'));
    }

    public function testRejectedFieldIsValidation(): void
    {
        try {
            $this->client->wmsProductCreate(['code' => ['not', 'a', 'string']] + self::PRODUCT);
            $this->fail('expected ValidationException');
        } catch (ValidationException $e) {
            $this->assertArrayHasKey('code', $e->getFields());
        }
    }

    public function testWrongPasswordIsAuth(): void
    {
        $client = new Client($this->sandbox->config(['wms_password' => 'wrong']));
        try {
            $client->wmsProductClients();
            $this->fail('expected AuthException');
        } catch (AuthException $e) {
            $this->assertSame(401, $e->getStatus());
        }
    }
}
